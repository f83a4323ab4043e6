"""Run queued jobs in this process, with the django-tasks-db worker's own claim (each task
claimed once: SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, an exclusive transaction on
SQLite). `tallytale worker` loops; tests and `tallytale report` drain the queue here."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction


def run_pending(worker_id: str = "inline", limit: int | None = None) -> int:
    """Run ready tasks until none is left (or `limit` ran); returns how many ran."""
    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id=worker_id, excluded_queue_names=[],
    )  # fmt: skip
    ran = 0
    while limit is None or ran < limit:
        tasks = DBTaskResult.objects.ready().filter(backend_name="default")
        with exclusive_transaction(tasks.db):
            claimed = tasks.get_locked()
            if claimed is not None:
                claimed.claim(worker_id)
        if claimed is None:
            return ran
        worker.run_task(claimed)
        ran += 1
    return ran

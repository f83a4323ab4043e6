"""The one way to change a job: start, progress, finish, fail, cancel, retry.

A job's lifecycle is queued -> running -> done | failed | cancelled; retry puts a failed or
cancelled job (or one whose worker died) back in the queue. The django-tasks database
backend carries `run_job(job_id)` (below) to a worker; the Job row is what people see.

Exactly once, visibly: `start` with a key returns the job that key already started; a job
runs only from `queued` (a second delivery of its task finds it running or finished and
does nothing); its result file is written under a temporary name and renamed, and the job
turns `done` in one transaction with it, so a worker killed mid-job leaves no half-written
file on view and a job that can be retried. Apps whose jobs write (a report build's log)
finish the job inside their own write transaction (`finish` nests).

This app sits below programmes, so it cannot import the permission rules: programmes hands
them over at start-up (`set_policy`), as apps above register their kinds (`register`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from tallytale.errors import InvalidInput, NotFound, TallytaleError

from .models import Job

log = logging.getLogger(__name__)
State = Job.State


class Cancelled(Exception):
    """Raised at a progress point once someone has cancelled the job: the handler stops."""


class Transient(Exception):
    """A failure worth another attempt (a locked database, a lost connection)."""


@dataclass(frozen=True)
class Kind:
    name: str
    capability: str  # the capability that lets a user read what the job produces
    handler: Callable[[Job], Result | None]
    label: str


@dataclass(frozen=True)
class Result:
    content: bytes
    filename: str
    content_type: str


KINDS: dict[str, Kind] = {}
Policy = Callable[[Any, str, Any], None]
_policy: Policy | None = None


def register(
    name: str, *, capability: str, handler: Callable[[Job], Result | None], label: str
) -> None:
    """An app above declares a kind of job: what runs it and who may read it."""
    KINDS[name] = Kind(name, capability, handler, label)


def set_policy(policy: Policy) -> None:
    """programmes passes `require(actor, capability, project)` in at start-up."""
    global _policy
    _policy = policy


def kind_of(job: Job) -> Kind:
    try:
        return KINDS[job.kind]
    except KeyError:
        raise NotFound(_("unknown kind of job %(kind)s") % {"kind": repr(job.kind)}) from None


def _require(actor: Any, capability: str, project: Any) -> None:
    if _policy is None:  # pragma: no cover - programmes always sets it
        raise PermissionDenied("no permission policy configured for jobs")
    _policy(actor, capability, project)


def _user(actor: Any) -> Any:
    user = getattr(actor, "user", None)
    return user if getattr(user, "pk", None) else None


def runs_as(job: Job) -> Any:
    """The user a job runs as (its handler re-checks with it); None for an operator's job.
    A web job whose user is gone is refused rather than run with an operator's rights."""
    if job.by_operator:
        return None
    if job.user is None:
        raise PermissionDenied(_("the person who started this job no longer has an account"))
    return job.user


def check_read(actor: Any, job: Job) -> None:
    """Who may see, download, cancel or retry a job: in a project, whoever holds the
    capability to read what it produces; a personal job (no project), only its owner.
    An operator (the command line, no user) may do everything."""
    if getattr(actor, "is_operator", False):
        return
    if job.project_id is not None:
        _require(actor, kind_of(job).capability, job.project)
        return
    user = _user(actor)
    if user is None or job.user_id != user.pk:
        raise PermissionDenied(_("not your job"))


def start(kind: str, *, actor: Any, project: Any, params: dict, key: str | None = None) -> Job:
    """Queue a job; with `key`, a second start returns the first job (never a second run).

    The job row and its task row are written in one short transaction, so a job is never
    visible without the task that will run it."""
    spec = KINDS.get(kind)
    if spec is None:
        raise InvalidInput(_("kind: unknown kind of job %(kind)s") % {"kind": repr(kind)})
    if project is not None:
        _require(actor, spec.capability, project)
    elif _user(actor) is None and not getattr(actor, "is_operator", False):
        raise PermissionDenied(_("sign in to start a job"))
    if key and (existing := _same_key(key, kind, project)) is not None:
        return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind, user=_user(actor), actor_label=getattr(actor, "label", str(actor)),
                by_operator=bool(getattr(actor, "is_operator", False)),
                project=project, params=params, key=key or None,
                language=(translation.get_language() or "")[:16],
            )  # fmt: skip
            _enqueue(job)
    except IntegrityError:
        if key and (existing := _same_key(key, kind, project)) is not None:
            return existing  # another request with the same key won the race
        raise
    return job


def _same_key(key: str, kind: str, project: Any) -> Job | None:
    existing = Job.objects.filter(key=key).first()
    if existing is not None and (
        existing.kind != kind or existing.project_id != getattr(project, "pk", None)
    ):
        raise InvalidInput(_("key: %(key)s already names another job") % {"key": repr(key)})
    return existing


def _enqueue(job: Job, delay: float = 0) -> None:
    task = run_job
    if delay:
        task = run_job.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)


def begin(job_id: int) -> Job | None:
    """Claim the job for this run: only a queued job starts (a repeated delivery of its
    task, or a cancelled job, returns None and runs nothing)."""
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != State.QUEUED:
            return None
        job.state = State.RUNNING
        job.attempts += 1
        job.started_at = job.heartbeat_at = now
        job.error = ""
        job.save(update_fields=["state", "attempts", "started_at", "heartbeat_at", "error"])
    return job


def progress(job: Job, done: int, total: int, message: str = "") -> None:
    """Record progress, and stop here (raise `Cancelled`) if someone cancelled the job."""
    Job.objects.filter(pk=job.pk, state=State.RUNNING).update(
        done=done, total=total, message=message[:300], heartbeat_at=timezone.now()
    )
    job.done, job.total, job.message = done, total, message[:300]
    if Job.objects.filter(pk=job.pk, state=State.CANCELLED).exists():
        raise Cancelled(job.pk)


def root() -> Path:
    return Path(settings.JOBS_ROOT)


def finish(job: Job, *, file: Result | None = None) -> None:
    """Mark the job done with its result file. The file is written under a temporary name
    and renamed; the job turns `done` in a transaction (nested in the caller's when it has
    one), so the result appears whole or not at all. A job cancelled meanwhile keeps no
    file and raises `Cancelled`."""
    relative = ""
    if file is not None:
        folder = root() / str(job.pk)
        folder.mkdir(parents=True, exist_ok=True)
        relative = f"{job.pk}/{job.attempts}-{_safe_name(file.filename)}"
        part = root() / (relative + ".part")
        with open(part, "wb") as f:
            f.write(file.content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(part, root() / relative)
    now = timezone.now()
    fields = {
        "state": State.DONE, "finished_at": now, "heartbeat_at": now, "result_path": relative,
        "done": job.total,
        "result_name": file.filename if file else "", "result_type": file.content_type if file else "",
        "result_size": len(file.content) if file else 0, "message": "",
        "expires_at": now + dt.timedelta(days=settings.JOBS_KEEP_DAYS),
    }  # fmt: skip
    with transaction.atomic():
        if not Job.objects.filter(pk=job.pk, state=State.RUNNING).update(**fields):
            if relative:
                (root() / relative).unlink(missing_ok=True)
            raise Cancelled(job.pk)
    for name, value in fields.items():
        setattr(job, name, value)


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:150] or "result"


def fail(job: Job, message: str) -> None:
    """The job failed; `message` says why in words a reader can act on."""
    Job.objects.filter(pk=job.pk).filter(state__in=Job.ACTIVE).update(
        state=State.FAILED, error=message, finished_at=timezone.now()
    )
    job.state, job.error = State.FAILED, message


def requeue(job: Job, message: str) -> None:
    """A transient failure: back in the queue after a backoff that doubles each attempt,
    until JOBS_MAX_ATTEMPTS attempts have failed."""
    if job.attempts >= settings.JOBS_MAX_ATTEMPTS:
        fail(
            job,
            _("%(why)s (gave up after %(n)s attempts)") % {"why": message, "n": job.attempts},
        )
        return
    delay = 2 ** (job.attempts - 1) * 5
    with transaction.atomic():
        if Job.objects.filter(pk=job.pk, state=State.RUNNING).update(
            state=State.QUEUED,
            message=_("%(why)s; trying again in %(seconds)s s")
            % {"why": message, "seconds": delay},
        ):
            _enqueue(job, delay=delay)


def cancel(job: Job, actor: Any) -> Job:
    """Cancel a queued or running job; a running one stops at its next progress point."""
    check_read(actor, job)
    if not Job.objects.filter(pk=job.pk, state__in=Job.ACTIVE).update(
        state=State.CANCELLED,
        finished_at=timezone.now(),
        message=_("cancelled by %(who)s") % {"who": actor.label},
    ):
        raise InvalidInput(
            _("job %(job)s is %(state)s; only a queued or running job can be cancelled")
            % {"job": job.pk, "state": job.state}
        )
    job.refresh_from_db()
    return job


def is_stale(job: Job, now: dt.datetime | None = None) -> bool:
    """Running, but its worker has not reported for JOBS_STALE_SECONDS: taken as dead."""
    now = now or timezone.now()
    beat = job.heartbeat_at or job.started_at
    return job.state == State.RUNNING and (
        beat is None or beat < now - dt.timedelta(seconds=settings.JOBS_STALE_SECONDS)
    )


def can_retry(job: Job) -> bool:
    return job.state in (State.FAILED, State.CANCELLED) or is_stale(job)


def retry(job: Job, actor: Any) -> Job:
    """Queue a failed or cancelled job again (or one whose worker died): a new attempt."""
    check_read(actor, job)
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if not can_retry(job):
            raise InvalidInput(
                _("job %(job)s is %(state)s; only a failed or cancelled job can be retried")
                % {"job": job.pk, "state": job.state}
            )
        job.state, job.error, job.done, job.total = State.QUEUED, "", 0, 0
        job.message, job.finished_at = _("retried by %(who)s") % {"who": actor.label}, None
        job.save(update_fields=["state", "error", "done", "total", "message", "finished_at"])
        _enqueue(job)
    return job


def recover_stale(seconds: float | None = None) -> int:
    """Mark running jobs whose worker stopped reporting as failed (retryable); a worker runs
    this when it starts. Returns how many."""
    from django_tasks_db.models import DBTaskResult

    limit = settings.JOBS_STALE_SECONDS if seconds is None else seconds
    cutoff = timezone.now() - dt.timedelta(seconds=limit)
    stale = Job.objects.filter(state=State.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True)
    )
    count = 0
    for job in stale:
        with translation.override(job.language or None):
            lost = _(
                "The worker stopped before this job finished (it was killed or its "
                "machine was lost). Nothing was saved; retry it."
            )
        with transaction.atomic():
            count += Job.objects.filter(pk=job.pk, state=State.RUNNING).update(
                state=State.FAILED, finished_at=timezone.now(), error=lost,
            )  # fmt: skip
            if job.task_id:
                DBTaskResult.objects.filter(pk=job.task_id, status="RUNNING").update(
                    status="FAILED", finished_at=timezone.now(),
                    exception_class_path="tallytale.jobs.services.WorkerLost",
                    traceback="the worker stopped reporting",
                )  # fmt: skip
    return count


CLEANUPS: list[Callable[[], int]] = []


def on_cleanup(fn: Callable[[], int]) -> None:
    """An app above adds its own housekeeping (it returns how many things it deleted) to
    what `cleanup` does when a worker starts and on `tallytale jobs cleanup`."""
    if fn not in CLEANUPS:
        CLEANUPS.append(fn)


def cleanup(now: dt.datetime | None = None) -> int:
    """Delete result files past their expiry (and files of jobs no longer in the table),
    and the task queue's finished rows as old (the jobs keep their own history)."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    DBTaskResult.objects.finished().filter(
        finished_at__lt=now - dt.timedelta(days=settings.JOBS_KEEP_DAYS)
    ).delete()
    expired = Job.objects.filter(expires_at__lt=now).exclude(result_path="")
    count = 0
    for job in expired:
        shutil.rmtree(root() / str(job.pk), ignore_errors=True)
        with translation.override(job.language or None):
            gone = _("the result has expired")
        Job.objects.filter(pk=job.pk).update(result_path="", message=gone)
        count += 1
    for housekeeping in CLEANUPS:
        done = housekeeping()
        if done:
            log.info("%s: %s deleted", getattr(housekeeping, "__qualname__", housekeeping), done)
    if root().is_dir():
        known = {str(pk) for pk in Job.objects.values_list("pk", flat=True)}
        for folder in root().iterdir():
            if folder.is_dir() and folder.name not in known:
                shutil.rmtree(folder, ignore_errors=True)
    return count


def get_job(job_id: int, actor: Any, project: Any = None) -> Job:
    """A job the actor may read; looked up within `project` when a URL names one, so one
    project's page never shows another's job (and personal jobs only under /me/)."""
    job = Job.objects.select_related("project").filter(pk=job_id, project=project).first()
    if job is None:
        raise NotFound(_("no job %(job_id)s") % {"job_id": job_id})
    check_read(actor, job)
    return job


def result_file(job: Job, actor: Any) -> Path:
    """The path of a done job's result, for whoever may read the job."""
    check_read(actor, job)
    if not job.has_result:
        raise NotFound(_("job %(job)s has no result") % {"job": job.pk})
    path = (root() / job.result_path).resolve()
    if root().resolve() not in path.parents or not path.is_file():
        raise NotFound(_("job %(job)s's result has expired") % {"job": job.pk})
    return path


def jobs_for_project(actor: Any, project: Any) -> QuerySet[Job]:
    """The project's jobs whose results the actor may read (kind by kind)."""
    readable = []
    for spec in KINDS.values():
        try:
            if not getattr(actor, "is_operator", False):
                _require(actor, spec.capability, project)
        except PermissionDenied:
            continue
        readable.append(spec.name)
    return Job.objects.filter(project=project, kind__in=readable)


def jobs_of(user: Any) -> QuerySet[Job]:
    """A user's own jobs, every project (the /me/jobs/ page)."""
    return Job.objects.select_related("project").filter(user=user)


# The one django-tasks task: run a job by id with its kind's handler (each app registers
# its kinds when Django starts, so the worker knows them all).

# a locked SQLite file, a dropped PostgreSQL connection, a serialisation failure: try again
TRANSIENT = (Transient, OperationalError, InterfaceError)


@task()
def run_job(job_id: int) -> str:
    job = begin(job_id)
    if job is None:
        return "skipped"  # cancelled, already run, or a second delivery: nothing to do
    # what the job says (progress, why it failed) in the language of who started it
    with translation.override(job.language or None):
        return _run(job)


def _run(job: Job) -> str:
    try:
        result = kind_of(job).handler(job)
        if result is not None or job.state != State.DONE:
            finish(job, file=result)
    except Cancelled:
        return "cancelled"
    except TRANSIENT as exc:
        log.warning("job %s: transient failure %s", job.pk, exc)
        requeue(job, _("a temporary problem: %(problem)s") % {"problem": exc})
        return "requeued"
    except PermissionDenied as exc:
        fail(job, _("not permitted: %(what)s") % {"what": exc} if str(exc) else _("not permitted"))
        return "failed"
    except TallytaleError as exc:
        fail(job, str(exc) or type(exc).__name__)
        return "failed"
    except DatabaseError as exc:
        fail(job, _("a database error stopped the job: %(problem)s") % {"problem": exc})
        raise
    except Exception as exc:
        fail(
            job,
            _(
                "an unexpected error stopped the job (%(error)s); "
                "an operator can find the details in the worker's log"
            )
            % {"error": type(exc).__name__},
        )
        raise
    return "done"

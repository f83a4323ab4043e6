"""A coordinator recording hours while report jobs build (run as a script by
test_ledger_while_pdfs): waits until a job is running, then records one hour at a time, a
coordinator's pace apart, until no job is queued or running (or `limit` writes), and prints
each write's seconds as JSON."""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")


def main(db_url: str, limit: int) -> None:
    os.environ["DATABASE_URL"] = db_url
    import django

    django.setup()
    from tallytale.jobs.models import Job
    from tallytale.ledger import services as ledger
    from tallytale.programmes.models import Project
    from tallytale.programmes.permissions import Actor

    deadline = time.monotonic() + 120
    while not Job.objects.filter(state="running").exists():
        if time.monotonic() > deadline:
            raise SystemExit("no job started")
        time.sleep(0.05)
    actor = Actor.cli("test:coordinator")
    project = Project.objects.get(slug="riverside")
    latencies: list[float] = []
    while len(latencies) < limit and Job.objects.filter(state__in=("queued", "running")).exists():
        member = f"RIV{len(latencies) % 60 + 1:04d}"
        t0 = time.perf_counter()
        ledger.earn(member, "riverside-garden", 1, actor=actor, project=project)
        latencies.append(time.perf_counter() - t0)
        time.sleep(0.1)
    print(json.dumps(latencies))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

"""Building a report never holds a write transaction.

On SQLite every `transaction.atomic()` starts with BEGIN IMMEDIATE (see settings), so a
report built and rendered inside one held the database's write lock for the whole build:
with a few PDF downloads running, a coordinator's ledger write waited out the busy timeout
and failed with "database is locked". Here rendering is held open on an Event while
another thread writes to the ledger; the write must finish at once. The test database is
a file (settings), so the threads really share one database, as in production.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connections

from tallytale.demo.sample import build_sample_project
from tallytale.evidence import render, services
from tallytale.evidence.models import ReportBuild
from tallytale.ledger import services as ledger
from tallytale.ledger.services import Actor

# long enough for an uncontended write on a loaded machine, far below the busy timeout
WRITE_DEADLINE = 5.0


@pytest.mark.django_db(transaction=True)
def test_ledger_write_completes_while_a_report_renders(monkeypatch):
    build_sample_project("riverside", participants=12, seed=3)
    rendering = threading.Event()
    release = threading.Event()
    real_render = render.render

    def slow_render(report: dict[str, Any], fmt: str) -> bytes:
        rendering.set()
        release.wait(30)
        return real_render(report, fmt)

    monkeypatch.setattr(render, "render", slow_render)
    outcome: dict[str, Any] = {}

    def build() -> None:
        try:
            outcome["built"] = services.build_and_record(
                project="riverside", audience="public", fmt="md", actor_label="test:reader"
            )
        except Exception as exc:  # noqa: BLE001 - asserted below
            outcome["build_error"] = exc
        finally:
            connections.close_all()

    def write() -> None:
        try:
            outcome["transfer"] = ledger.earn(
                "RIV0001", "riverside-garden", 2, actor=Actor("test:coordinator")
            )
        except Exception as exc:  # noqa: BLE001 - asserted below
            outcome["write_error"] = exc
        finally:
            connections.close_all()

    builder = threading.Thread(target=build)
    writer = threading.Thread(target=write)
    builder.start()
    try:
        assert rendering.wait(30), outcome.get("build_error")
        writer.start()
        writer.join(WRITE_DEADLINE)
        write_finished = not writer.is_alive()
    finally:
        release.set()
        builder.join(60)
        if writer.ident is not None:
            writer.join(60)
    assert write_finished, "the ledger write waited on the report build's lock"
    assert "write_error" not in outcome, outcome["write_error"]
    assert "build_error" not in outcome, outcome["build_error"]
    assert outcome["transfer"].pk
    # the build is still recorded, after rendering
    assert ReportBuild.objects.filter(sha256=outcome["built"].build.sha256).exists()

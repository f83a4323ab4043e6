"""The audit log is append-only and hash-chained: any edit is detected and located."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from tallytale.audit import chain
from tallytale.audit.models import AuditEvent
from tallytale.audit.services import record, verify_chain
from tallytale.ledger import services as ledger

from ._databases import current_url

TODAY = dt.date(2025, 6, 30)


def _events(n=5):
    for i in range(n):
        record(f"test.event{i}", actor_label="test", project_slug="cwm", n=i, note="ok ✓")


@pytest.mark.django_db
def test_chain_links_every_event_to_the_one_before():
    _events()
    rows = list(AuditEvent.objects.order_by("id"))
    assert rows[0].prev_hash == chain.GENESIS
    for a, b in zip(rows, rows[1:]):
        assert b.prev_hash == a.hash
    report = verify_chain()
    assert report.ok and report.checked == 5 and report.head == rows[-1].hash


@pytest.mark.django_db
@pytest.mark.parametrize(
    "column,value",
    [
        ("action", "'test.forged'"),
        ("actor_label", "'someone-else'"),
        ("detail", "'{\"n\": 99}'"),
        ("project_slug", "'other'"),
        ("prev_hash", "'" + "1" * 64 + "'"),
    ],
)
def test_editing_any_field_of_any_row_is_detected_at_that_row(column, value):
    _events()
    victim = AuditEvent.objects.order_by("id")[2]
    with connection.cursor() as cur:
        _drop_trigger(cur)
        cur.execute(f"UPDATE audit_auditevent SET {column} = {value} WHERE id = %s", [victim.pk])
    report = verify_chain()
    assert not report.ok and report.broken_id == victim.pk, report


@pytest.mark.django_db
def test_deleting_a_row_is_detected_at_the_next_row():
    _events()
    rows = list(AuditEvent.objects.order_by("id"))
    with connection.cursor() as cur:
        _drop_trigger(cur)
        cur.execute("DELETE FROM audit_auditevent WHERE id = %s", [rows[1].pk])
    report = verify_chain()
    assert not report.ok and report.broken_id == rows[2].pk


def _drop_trigger(cur):
    if connection.vendor == "sqlite":
        cur.execute("DROP TRIGGER audit_event_append_only")
    else:
        cur.execute("DROP TRIGGER audit_event_append_only ON audit_auditevent")


@pytest.mark.django_db
def test_the_database_refuses_updates_and_the_app_refuses_deletes():
    _events(2)
    event = AuditEvent.objects.first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk)._raw_delete(connection.alias)
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    with pytest.raises(ValueError, match="append-only"):
        event.save()


@pytest.mark.django_db
def test_deleting_a_user_keeps_their_events_and_the_chain():
    user = get_user_model().objects.create_user("alice", password="a long passphrase 42")
    record("test.login", actor_label="web:alice", actor=user, outcome="allowed")
    user.delete()
    event = AuditEvent.objects.get()
    assert event.actor_id is None and event.actor_label == "web:alice"
    assert verify_chain().ok


@pytest.mark.django_db
def test_secrets_and_story_text_are_refused_in_details():
    for key in ("password", "token", "text", "story_text"):
        with pytest.raises(ValueError, match="must not carry"):
            record("test.bad", actor_label="test", **{key: "x"})
    with pytest.raises(ValueError, match="over"):
        record("test.bad", actor_label="test", note="x" * 5000)
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_ledger_corrections_are_audited_with_who(scheme, actor):
    t = ledger.earn("M1", "library", 2, actor=actor, today=TODAY)
    ledger.reverse(t.pk, actor=actor, reason="wrong person")
    event = AuditEvent.objects.get(action="ledger.reverse")
    assert event.actor_label == actor.label and event.target_id == str(t.pk)
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_from_threads_never_fork_the_chain():
    import threading

    from django.db import connections

    barrier = threading.Barrier(6)
    errors = []

    def append(i):
        try:
            barrier.wait()
            for j in range(10):
                with transaction.atomic():
                    record("test.parallel", actor_label=f"t{i}", j=j)
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    report = verify_chain()
    assert report.ok and report.checked == 60, report
    assert AuditEvent.objects.values("prev_hash").distinct().count() == 60


@pytest.mark.django_db(transaction=True)
def test_audit_verify_command_reports_the_first_broken_row(tmp_path):
    _events(3)
    env = {**os.environ, "DATABASE_URL": current_url(), "TALLYTALE_DATA_DIR": str(tmp_path)}
    tt = [str(Path(sys.executable).with_name("tallytale")), "audit", "verify"]
    p = subprocess.run(tt, capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0 and "intact: 3 events" in p.stdout, p.stderr
    victim = AuditEvent.objects.order_by("id")[1]
    with connection.cursor() as cur:
        _drop_trigger(cur)
        cur.execute("UPDATE audit_auditevent SET target_id = 'x' WHERE id = %s", [victim.pk])
    p = subprocess.run(tt, capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 1
    assert f"broken at event {victim.pk}" in p.stderr and "Traceback" not in p.stderr
    with connection.cursor() as cur:  # put the trigger back for the tests after this one
        cur.execute("DELETE FROM audit_auditevent")
        from importlib import import_module

        mig = import_module("tallytale.audit.migrations.0002_hash_chain")
        for sql in mig.SQLITE if connection.vendor == "sqlite" else mig.POSTGRES:
            cur.execute(sql)

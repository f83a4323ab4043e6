"""Backups: consistent, portable between SQLite and PostgreSQL, verified, refusing harm."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, connections

from tallytale.audit.services import record, verify_chain
from tallytale.ledger import services as ledger
from tallytale.ops import archive, backup, restore
from tallytale.ops.archive import BackupError

from ._databases import PG_SKIP, current_url, pg_base, scratch_pg, scratch_sqlite

TODAY = dt.date(2025, 6, 30)
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(tmp_path, settings):
    root = tmp_path / "media"
    (root / "stories" / "1").mkdir(parents=True)
    (root / "stories" / "1" / "rec.webm").write_bytes(b"\x1aE\xdf\xa3" + os.urandom(5000))
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def populated(scheme, actor, media):
    ledger.earn("M1", "library", "2.5", actor=actor, today=TODAY, category="reading")
    ledger.earn("M2", "library", 3, actor=actor, today=TODAY)
    ledger.spend("M1", "pool", 1, actor=actor, today=TODAY, category="swim")
    t = ledger.gift("M2", "M1", "0.5", actor=actor, today=TODAY)
    ledger.reverse(t.pk, actor=actor, reason="typed twice")
    record("test.note", actor_label="test", who="ünïcødé ✓", nested={"a": [1, 2.5, None]})
    return "cwm"


def _table_rows(alias: str) -> dict[str, list]:
    out = {}
    tables = set(connections[alias].introspection.table_names())
    for model in archive._models(apps):
        if model._meta.db_table not in tables:
            continue
        names = [f.attname for f in model._meta.concrete_fields]
        out[model._meta.db_table] = list(
            model._base_manager.using(alias).order_by("pk").values_list(*names)
        )
    return out


def test_backup_restores_into_a_fresh_sqlite_database(populated, tmp_path):
    archive = tmp_path / "b.zip"
    manifest = backup.create_backup(archive, verify=False)  # the CLI test covers verify
    assert manifest["ledger"]["sum_of_balances"] == 0
    assert manifest["ledger"]["negative_members"] == 0
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert "manifest.json" in names and "media/stories/1/rec.webm" in names
    source = _table_rows("default")
    with scratch_sqlite("restored", tmp_path / "restored.sqlite3"):
        restore.restore_backup(archive, using="restored", media_root=tmp_path / "media2")
        assert _table_rows("restored") == source
        assert verify_chain("restored").ok
    restored = (tmp_path / "media2/stories/1/rec.webm").read_bytes()
    assert restored == (tmp_path / "media/stories/1/rec.webm").read_bytes()


@pytest.mark.slow
def test_round_trip_between_sqlite_and_postgresql(populated, tmp_path):
    if pg_base() is None:
        pytest.skip(PG_SKIP)
    first = tmp_path / "first.zip"
    backup.create_backup(first, verify=False)  # the restores below are the verification
    source = _table_rows("default")
    # there and back: default -> the other engine -> the default's engine
    if connection.vendor == "sqlite":
        other = scratch_pg("hop1")
        back = scratch_sqlite("hop2", tmp_path / "back.sqlite3")
    else:
        other = scratch_sqlite("hop1", tmp_path / "hop.sqlite3")
        back = scratch_pg("hop2")
    with other, back:
        restore.restore_backup(first, using="hop1", media_root=tmp_path / "m1")
        assert _table_rows("hop1") == source
        assert connections["hop1"].vendor != connection.vendor
        second = tmp_path / "second.zip"
        m2 = backup.create_backup(second, using="hop1", media_root=tmp_path / "m1", verify=False)
        assert len(m2["media"]) == 1
        restore.restore_backup(second, using="hop2", media_root=tmp_path / "m2")
        assert _table_rows("hop2") == source
        assert verify_chain("hop2").ok
        assert archive.ledger_totals("hop2") == archive.ledger_totals("default")


def test_restore_refuses_a_database_that_holds_data(populated, tmp_path):
    archive = tmp_path / "b.zip"
    backup.create_backup(archive, verify=False)
    with pytest.raises(BackupError, match="not empty"):
        restore.restore_backup(archive)


def test_damaged_or_foreign_archives_are_refused_before_writing(populated, tmp_path):
    archive = tmp_path / "b.zip"
    backup.create_backup(archive, verify=False)
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        contents = {n: zf.read(n) for n in zf.namelist()}
    victim = next(t["file"] for t in manifest["tables"] if t["rows"])
    contents[victim] = contents[victim].replace(b"1", b"2", 1)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        for n, data in contents.items():
            zf.writestr(n, data)
    with scratch_sqlite("target", tmp_path / "t.sqlite3"):
        with pytest.raises(BackupError, match="does not match its checksum"):
            restore.restore_backup(bad, using="target", restore_media=False)
        (tmp_path / "plain.txt").write_text("hello")
        with pytest.raises(BackupError, match="not a zip"):
            restore.restore_backup(tmp_path / "plain.txt", using="target")
        newer = tmp_path / "newer.zip"
        manifest["migrations"].append(["ledger", "9999_from_the_future"])
        contents["manifest.json"] = json.dumps(manifest).encode()
        contents[victim] = zipfile.ZipFile(archive).read(victim)
        with zipfile.ZipFile(newer, "w") as zf:
            for n, data in contents.items():
                zf.writestr(n, data)
        with pytest.raises(BackupError, match="newer Tallytale"):
            restore.restore_backup(newer, using="target", restore_media=False)
        assert restore._nonempty_tables("target") == []


def test_backup_and_restore_commands(populated, tmp_path):
    env = {
        **os.environ,
        "TALLYTALE_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": current_url(),
    }
    env["PYTHONWARNINGS"] = "ignore"
    tt = Path(sys.executable).with_name("tallytale")
    out = tmp_path / "cli.zip"
    p = subprocess.run(
        [str(tt), "backup", "--out", str(out)], capture_output=True, text=True, env=env, timeout=120
    )
    assert p.returncode == 0, p.stderr
    assert "verified by a test restore" in p.stdout and out.is_file()
    # restoring over the live database is refused with one line, nothing changed
    p = subprocess.run(
        [str(tt), "restore", str(out)], capture_output=True, text=True, env=env, timeout=120
    )
    assert p.returncode != 0 and "not empty" in p.stderr and "Traceback" not in p.stderr
    target = tmp_path / "fresh.sqlite3"
    env2 = {
        **env,
        "DATABASE_URL": f"sqlite:///{target}",
        "DJANGO_SETTINGS_MODULE": "tallytale.settings",
    }
    p = subprocess.run(
        [sys.executable, "-m", "django", "restore", str(out), "--skip-media"],
        capture_output=True,
        text=True,
        env=env2,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert "counts and ledger totals match" in p.stdout
    p = subprocess.run(
        [str(tt), "audit", "verify", "--format", "json"],
        capture_output=True,
        text=True,
        env=env2,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["ok"] is True


def test_restore_refuses_unstorable_text_up_front_naming_table_column_row(populated, tmp_path):
    """A SQLite backup holding NUL (stored before NUL was refused at entry) must not fail
    half-way into PostgreSQL: it is refused before anything is written, naming where."""
    from tallytale.ledger.models import Transfer

    t = Transfer.objects.filter(category="swim").get()
    archive = tmp_path / "b.zip"
    backup.create_backup(archive, verify=False)
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        contents = {n: zf.read(n) for n in zf.namelist()}
    entry = next(e for e in manifest["tables"] if e["table"] == "ledger_transfer")
    contents[entry["file"]] = contents[entry["file"]].replace(b'"swim"', b'"sw\\u0000im"')
    lone = contents[entry["file"]].replace(b'"sw\\u0000im"', b'"sw\\udc80im"')
    for name, data in (("nul.zip", contents[entry["file"]]), ("lone.zip", lone)):
        import hashlib

        entry["sha256"] = hashlib.sha256(data).hexdigest()
        with zipfile.ZipFile(tmp_path / name, "w") as zf:
            for n, d in {**contents, entry["file"]: data}.items():
                zf.writestr(n, json.dumps(manifest) if n == "manifest.json" else d)
    with scratch_sqlite("target", tmp_path / "t.sqlite3"):
        with pytest.raises(
            BackupError,
            match=rf"^table ledger_transfer, column category, row \d+ \(id {t.pk}\): .*surrogate",
        ):
            restore.restore_backup(tmp_path / "lone.zip", using="target", restore_media=False)
        assert restore._nonempty_tables("target") == []
    if pg_base() is None:
        pytest.skip(PG_SKIP)
    with scratch_pg("target_pg"):
        with pytest.raises(BackupError, match=r"column category, .*NUL character"):
            restore.restore_backup(tmp_path / "nul.zip", using="target_pg", restore_media=False)
        assert restore._nonempty_tables("target_pg") == []

"""Portable, verified backups: one archive restores into SQLite or PostgreSQL.

Archive (a zip): `manifest.json`, one JSON-lines file per table in dependency order (each
line a JSON array of the row's values in the manifest's column order), and `media/` with
the story recordings under MEDIA_ROOT. The manifest records the schema's migration state,
each table's columns, row count and sha256, the ledger totals and the audit chain head.

Consistency: SQLite is first copied with its online backup API (one read transaction),
then dumped from the copy; PostgreSQL is dumped inside one REPEATABLE READ, READ ONLY
transaction (and `--pg-dump` adds a native `pg_dump -Fc` of the same snapshot).

Restore: refuse a target that holds data; migrate it to the backup's schema state; load
every table with bulk INSERTs in one transaction; reset PostgreSQL sequences; check row
counts, ledger totals and the audit head against the manifest before committing; then
migrate forward to the running code's schema (so an older backup restores into a newer
release).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from tallytale import __version__
from tallytale.ops.archive import (
    FORMAT,
    FORMAT_VERSION,
    BackupError,
    _add_alias,
    _apps,
    _drop_alias,
    _encode,
    _models,
    _sha256_file,
    audit_head,
    ledger_totals,
    sqlite_config,
)
from tallytale.ops.restore import verify_backup

# --- connections ------------------------------------------------------------------------


@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[tuple[str, str | None]]:
    """Yield (alias to read from, exported PostgreSQL snapshot id or None)."""
    conn = connections[using]
    if conn.vendor == "sqlite":
        with tempfile.TemporaryDirectory(prefix="tallytale-backup-") as tmp:
            copy = Path(tmp) / "snapshot.sqlite3"
            src = sqlite3.connect(f"file:{conn.settings_dict['NAME']}?mode=ro", uri=True)
            dst = sqlite3.connect(copy)
            try:
                src.backup(dst)  # one step: a consistent copy under one read transaction
            finally:
                dst.close()
                src.close()
            alias = f"backup_snapshot_{os.getpid()}"
            _add_alias(alias, sqlite_config(copy))
            try:
                yield alias, None
            finally:
                _drop_alias(alias)
    elif conn.vendor == "postgresql":
        if conn.in_atomic_block:
            raise BackupError("a backup must run outside any transaction")
        with transaction.atomic(using=using):
            with conn.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cur.execute("SELECT pg_export_snapshot()")
                snap = cur.fetchone()[0]
            yield using, snap
    else:
        raise BackupError(f"backups of {conn.vendor} databases are not supported")


def applied_migrations(using: str = "default") -> list[list[str]]:
    return sorted([a, n] for a, n in MigrationRecorder(connections[using]).applied_migrations())


# --- backup -----------------------------------------------------------------------------


def _dump_table(model, alias: str, zf: zipfile.ZipFile, name: str) -> dict:
    fields = model._meta.concrete_fields
    h = hashlib.sha256()
    rows = 0
    with zf.open(name, "w", force_zip64=True) as out:
        qs = (
            model._base_manager.using(alias)
            .order_by("pk")
            .values_list(*[f.attname for f in fields])
        )
        for values in qs.iterator(chunk_size=2000):
            line = (
                json.dumps([_encode(v) for v in values], ensure_ascii=False, separators=(",", ":"))
                + "\n"
            ).encode("utf-8")
            h.update(line)
            out.write(line)
            rows += 1
    return {
        "table": model._meta.db_table,
        "model": model._meta.label_lower,
        "file": name,
        "columns": [f.column for f in fields],
        "rows": rows,
        "sha256": h.hexdigest(),
    }


def _pg_dump(using: str, snapshot: str, dest: Path) -> None:
    s = connections[using].settings_dict
    env = {**os.environ, "PGPASSWORD": str(s.get("PASSWORD") or "")}
    cmd = ["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(dest)]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if s.get(key):
            cmd += [flag, str(s[key])]
    cmd.append(str(s["NAME"]))
    try:
        subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=3600)
    except FileNotFoundError:
        raise BackupError("pg_dump is not installed (needed for --pg-dump)") from None
    except subprocess.CalledProcessError as exc:
        msg = exc.stderr.decode(errors="replace").strip().splitlines()
        raise BackupError(f"pg_dump failed: {msg[-1] if msg else exc.returncode}") from None


def create_backup(
    out: str | Path,
    *,
    using: str = "default",
    media_root: str | Path | None = None,
    pg_dump: bool = False,
    verify: bool = True,
    actor_label: str = "",
) -> dict:
    """Write a backup archive to `out` (atomically: a temporary file renamed at the end)
    and, unless `verify=False`, prove it restores. Returns the manifest."""
    from tallytale.audit.services import record

    out = Path(out)
    if out.exists() and out.is_dir():
        raise BackupError(f"{out} is a directory; give a file name")
    out.parent.mkdir(parents=True, exist_ok=True)
    conn = connections[using]
    executor = MigrationExecutor(conn)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("the database is not initialised or not up to date; run `tallytale init`")
    media = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    if using == DEFAULT_DB_ALIAS:  # audit events are written through the default database
        record("ops.backup", actor_label=actor_label or "ops", file=out.name)
    tmp = out.with_name(out.name + ".partial")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            with _snapshot(using) as (alias, snapshot):
                tables_present = set(connections[alias].introspection.table_names())
                tables = []
                for i, model in enumerate(_models(_apps())):
                    if model._meta.db_table not in tables_present:
                        continue  # a model whose migration is not written yet
                    tables.append(
                        _dump_table(model, alias, zf, f"data/{i:03d}_{model._meta.db_table}.jsonl")
                    )
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "tallytale_version": __version__,
                    "created_at": dt.datetime.now(dt.UTC).isoformat(),
                    "source_vendor": conn.vendor,
                    "migrations": applied_migrations(alias),
                    "tables": tables,
                    "ledger": ledger_totals(alias),
                    "audit": audit_head(alias),
                    "media": [],
                }
                if pg_dump and snapshot:
                    with tempfile.TemporaryDirectory() as d:
                        dump = Path(d) / "postgres.dump"
                        _pg_dump(using, snapshot, dump)
                        zf.write(dump, "native/postgres.dump")
                        manifest["native"] = {
                            "file": "native/postgres.dump",
                            "sha256": _sha256_file(dump),
                        }
                elif pg_dump:
                    raise BackupError("--pg-dump needs a PostgreSQL database")
            # after the snapshot: every recording a snapshotted story names is on disk
            if media.is_dir():
                for path in sorted(p for p in media.rglob("*") if p.is_file()):
                    rel = path.relative_to(media).as_posix()
                    zf.write(path, f"media/{rel}")
                    manifest["media"].append(
                        {"path": rel, "size": path.stat().st_size, "sha256": _sha256_file(path)}
                    )
            zf.writestr("manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False))
        if verify:
            verify_backup(tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return manifest

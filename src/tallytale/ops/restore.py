"""Restoring a backup into an empty database (SQLite or PostgreSQL, either way round): the\narchive is checked and every value checked storable on the target before anything is\nwritten, tables load in dependency order, and the ledger totals and the audit chain head\nare compared with what the backup recorded."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor

from tallytale.ops.archive import (
    BATCH,
    SEEDED_BY_MIGRATE,
    BackupError,
    _add_alias,
    _drop_alias,
    _models,
    _open,
    _sha256_file,
    audit_head,
    check_archive,
    check_storable,
    ledger_totals,
    read_manifest,
    sqlite_config,
)


def _nonempty_tables(using: str) -> list[tuple[str, int]]:
    conn = connections[using]
    found = []
    with conn.cursor() as cur:
        for table in conn.introspection.table_names(cur):
            if table in SEEDED_BY_MIGRATE or table == "django_migrations":
                continue
            if table.startswith("sqlite_"):
                continue
            cur.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")  # noqa: S608
            n = cur.fetchone()[0]
            if n:
                found.append((table, n))
    return found


def _migration_targets(executor: MigrationExecutor, applied: list[list[str]]) -> list:
    graph = executor.loader.graph
    nodes = {tuple(n) for n in applied}
    unknown = sorted(n for n in nodes if n not in graph.nodes)
    if unknown:
        a, n = unknown[0]
        raise BackupError(
            f"the backup was made by a newer Tallytale (unknown migration {a}.{n}); "
            "upgrade Tallytale first"
        )
    targets = []
    for app in sorted({a for a, _ in nodes}):
        mine = {n for n in nodes if n[0] == app}
        leaves = [n for n in mine if not any(c in mine for c in graph.node_map[n].children)]
        targets.extend(sorted(leaves))
    return targets


def _load_table(conn, model, entry: dict, zf: zipfile.ZipFile) -> None:
    by_column = {f.column: f for f in model._meta.concrete_fields}
    missing = [c for c in entry["columns"] if c not in by_column]
    if missing:
        raise BackupError(f"table {entry['table']}: unknown column(s) {', '.join(missing)}")
    fields = [by_column[c] for c in entry["columns"]]
    qn = conn.ops.quote_name
    # names come from the model (columns were checked against it above), never raw input
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        qn(model._meta.db_table),
        ", ".join(qn(c) for c in entry["columns"]),
        ", ".join(["%s"] * len(fields)),
    )

    def prep(field, value):
        if value is None:
            return None
        if not isinstance(field, models.JSONField):
            value = field.to_python(value)
        return field.get_db_prep_save(value, conn)

    batch: list[list] = []
    with conn.cursor() as cur, zf.open(entry["file"]) as f:
        for raw in f:
            values = json.loads(raw)
            batch.append([prep(fd, v) for fd, v in zip(fields, values)])
            if len(batch) >= BATCH:
                cur.executemany(sql, batch)
                batch = []
        if batch:
            cur.executemany(sql, batch)


def _compare(using: str, manifest: dict) -> list[str]:
    conn = connections[using]
    problems = []
    with conn.cursor() as cur:
        for entry in manifest["tables"]:
            cur.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(entry['table'])}")  # noqa: S608
            n = cur.fetchone()[0]
            if n != entry["rows"]:
                problems.append(f"{entry['table']}: {n} rows restored, {entry['rows']} backed up")
    if ledger_totals(using) != manifest["ledger"]:
        problems.append("ledger totals differ from the backup's")
    if manifest.get("audit") and audit_head(using) != manifest["audit"]:
        problems.append("the audit chain head differs from the backup's")
    return problems


def restore_backup(
    path: str | Path,
    *,
    using: str = "default",
    media_root: str | Path | None = None,
    restore_media: bool = True,
    actor_label: str = "",
) -> dict:
    """Restore an archive into the empty database `using`. Returns the manifest."""
    from tallytale.audit.services import record

    with _open(path) as zf:
        manifest = read_manifest(zf)
        check_archive(zf, manifest)
        conn = connections[using]
        check_storable(zf, manifest, conn.vendor)
        busy = _nonempty_tables(using)
        if busy:
            table, n = busy[0]
            raise BackupError(
                f"the target database is not empty ({table} has {n} rows); "
                "restore only into a new, empty database"
            )
        media = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
        written: list[Path] = []
        if restore_media:
            written = _restore_media(zf, manifest, media)
        try:
            executor = MigrationExecutor(conn)
            targets = _migration_targets(executor, manifest["migrations"])
            executor.migrate(targets)
            state = executor.loader.project_state(targets)
            by_table = {m._meta.db_table: m for m in _models(state.apps)}
            with transaction.atomic(using=using):
                with conn.cursor() as cur:
                    for table in SEEDED_BY_MIGRATE:
                        if table in by_table:
                            cur.execute(f"DELETE FROM {conn.ops.quote_name(table)}")  # noqa: S608
                loaded = []
                for entry in manifest["tables"]:
                    model = by_table.get(entry["table"])
                    if model is None:
                        raise BackupError(f"table {entry['table']} is not in the backup's schema")
                    _load_table(conn, model, entry, zf)
                    loaded.append(model)
                if conn.vendor == "postgresql":
                    with conn.cursor() as cur:
                        for sql in conn.ops.sequence_reset_sql(no_style(), loaded):
                            cur.execute(sql)
                problems = _compare(using, manifest)
                if problems:
                    raise BackupError("restore check failed: " + "; ".join(problems))
        except BaseException:
            for p in written:
                p.unlink(missing_ok=True)
            raise
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    call_command("migrate", database=using, verbosity=0, interactive=False)
    if using == DEFAULT_DB_ALIAS:
        record("ops.restore", actor_label=actor_label or "ops", file=Path(path).name)
    return manifest


def _restore_media(zf: zipfile.ZipFile, manifest: dict, media: Path) -> list[Path]:
    written = []
    root = media.resolve()
    for m in manifest["media"]:
        dest = (media / m["path"]).resolve()
        if not dest.is_relative_to(root):
            raise BackupError(f"media path {m['path']!r} points outside MEDIA_ROOT")
        if dest.exists():
            if _sha256_file(dest) == m["sha256"]:
                continue
            raise BackupError(f"media file {m['path']} already exists with other content")
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".partial")
        with zf.open(f"media/{m['path']}") as src, tmp.open("wb") as out:
            shutil.copyfileobj(src, out)
        os.replace(tmp, dest)
        written.append(dest)
    return written


def verify_backup(path: str | Path) -> dict:
    """Restore the archive into a scratch SQLite database and compare it with the manifest
    (row counts, ledger totals, audit head). Raises BackupError if anything differs."""
    with tempfile.TemporaryDirectory(prefix="tallytale-verify-") as tmp:
        alias = f"backup_verify_{os.getpid()}"
        cfg = sqlite_config(Path(tmp) / "verify.sqlite3")
        # a throwaway database: no need to wait for the disk on every commit
        cfg["OPTIONS"] = {
            **cfg["OPTIONS"],
            "init_command": "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; "
            "PRAGMA foreign_keys=ON;",
        }
        _add_alias(alias, cfg)
        try:
            return restore_backup(path, using=alias, restore_media=False, actor_label="verify")
        finally:
            _drop_alias(alias)

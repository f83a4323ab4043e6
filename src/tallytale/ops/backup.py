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

import base64
import contextlib
import datetime as dt
import decimal
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils.duration import duration_iso_string

from tallytale import __version__
from tallytale.core.textsafe import bad_character
from tallytale.errors import InvalidInput

FORMAT = "tallytale-backup"
FORMAT_VERSION = 1
BATCH = 1000
# Rows `migrate` itself creates; a target holding only these still counts as empty.
SEEDED_BY_MIGRATE = ("auth_permission", "django_content_type")


class BackupError(InvalidInput):
    pass


# --- models and their order -------------------------------------------------------------


def _models(app_registry) -> list[type[models.Model]]:
    found = [
        m
        for m in app_registry.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]
    found.sort(key=lambda m: m._meta.label_lower)
    order: list[type[models.Model]] = []
    state: dict[Any, int] = {}

    def visit(m) -> None:
        if state.get(m) == 2:
            return
        if state.get(m) == 1:  # a cycle: foreign keys are deferred, any order loads
            return
        state[m] = 1
        for f in m._meta.concrete_fields:
            target = getattr(f.remote_field, "model", None) if f.remote_field else None
            if target is not None and target is not m and target in found_set:
                visit(target)
        state[m] = 2
        order.append(m)

    found_set = set(found)
    for m in found:
        visit(m)
    return order


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


# --- connections ------------------------------------------------------------------------


def _add_alias(alias: str, config: dict) -> None:
    """Open a database beside the configured ones (a snapshot copy, a verify target).

    The wrapper goes straight into this thread's connections rather than into
    `connections.settings`: it is a private, short-lived connection, not a configured
    database other code should see (Django's test isolation treats it the same way).
    """
    from django.db.utils import load_backend

    cfg = dict(config)
    for key, default in (
        ("ATOMIC_REQUESTS", False),
        ("AUTOCOMMIT", True),
        ("CONN_MAX_AGE", 0),
        ("CONN_HEALTH_CHECKS", False),
        ("OPTIONS", {}),
        ("TIME_ZONE", None),
        ("USER", ""),
        ("PASSWORD", ""),
        ("HOST", ""),
        ("PORT", ""),
    ):
        cfg.setdefault(key, default)
    cfg["TEST"] = {"NAME": None, "CHARSET": None, "COLLATION": None, "MIGRATE": True}
    wrapper = load_backend(cfg["ENGINE"]).DatabaseWrapper(cfg, alias)
    setattr(connections._connections, alias, wrapper)


def _drop_alias(alias: str) -> None:
    with contextlib.suppress(Exception):
        getattr(connections._connections, alias).close()
    with contextlib.suppress(AttributeError):
        delattr(connections._connections, alias)


def sqlite_config(path: Path) -> dict:
    from tallytale.settings import _database

    cfg = _database(f"sqlite:///{path}")
    cfg.pop("TEST", None)
    return cfg


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


# --- totals that must survive a round trip ------------------------------------------------


def ledger_totals(using: str = "default") -> dict:
    conn = connections[using]
    with conn.cursor() as cur:
        tables = set(conn.introspection.table_names(cur))
        if not {"ledger_transfer", "ledger_account"} <= tables:
            return {}
        cur.execute("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM ledger_transfer")
        n, total = cur.fetchone()
        cur.execute(
            "SELECT kind, COUNT(*), SUM(amount) FROM ledger_transfer GROUP BY kind ORDER BY kind"
        )
        by_kind = {k: [int(c), int(s)] for k, c, s in cur.fetchall()}
        cur.execute("SELECT id, balance, owner FROM ledger_account ORDER BY id")
        accounts = cur.fetchall()
    digest = hashlib.sha256(";".join(f"{i}:{b}" for i, b, _ in accounts).encode()).hexdigest()
    return {
        "transfers": int(n),
        "amount": int(total),
        "by_kind": by_kind,
        "accounts": len(accounts),
        "sum_of_balances": sum(int(b) for _, b, _ in accounts),
        "negative_members": sum(1 for _, b, o in accounts if o == "person" and b < 0),
        "balances_sha256": digest,
    }


def audit_head(using: str = "default") -> dict:
    conn = connections[using]
    with conn.cursor() as cur:
        if "audit_auditevent" not in conn.introspection.table_names(cur):
            return {}
        columns = {
            c.name for c in conn.introspection.get_table_description(cur, "audit_auditevent")
        }
        if "hash" not in columns:
            return {}
        cur.execute("SELECT COUNT(*) FROM audit_auditevent")
        n = cur.fetchone()[0]
        cur.execute("SELECT hash FROM audit_auditevent ORDER BY id DESC LIMIT 1")
        row = cur.fetchone()
    return {"events": int(n), "head": row[0] if row else ""}


def applied_migrations(using: str = "default") -> list[list[str]]:
    return sorted([a, n] for a, n in MigrationRecorder(connections[using]).applied_migrations())


# --- backup -----------------------------------------------------------------------------


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


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


def _apps():
    from django.apps import apps

    return apps


# --- reading an archive ---------------------------------------------------------------


def read_manifest(zf: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except KeyError:
        raise BackupError("not a Tallytale backup (no manifest.json)") from None
    except ValueError:
        raise BackupError("the backup's manifest.json is damaged") from None
    if manifest.get("format") != FORMAT:
        raise BackupError("not a Tallytale backup (unknown format)")
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise BackupError(
            f"backup format {manifest['format_version']} is newer than this Tallytale reads"
        )
    return manifest


def check_archive(zf: zipfile.ZipFile, manifest: dict) -> None:
    """Every file's sha256 matches the manifest (before anything is written)."""
    entries = [(t["file"], t["sha256"]) for t in manifest["tables"]]
    entries += [(f"media/{m['path']}", m["sha256"]) for m in manifest["media"]]
    if "native" in manifest:
        entries.append((manifest["native"]["file"], manifest["native"]["sha256"]))
    for name, expected in entries:
        h = hashlib.sha256()
        try:
            with zf.open(name) as f:
                for block in iter(lambda f=f: f.read(1 << 20), b""):
                    h.update(block)
        except KeyError:
            raise BackupError(f"the backup is incomplete: {name} is missing") from None
        except (zipfile.BadZipFile, OSError) as exc:
            raise BackupError(f"the backup is damaged at {name}: {exc}") from None
        if h.hexdigest() != expected:
            raise BackupError(f"the backup is damaged: {name} does not match its checksum")


_MAYBE_UNSTORABLE = re.compile(rb"\\u0000|\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\x00")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def check_storable(zf: zipfile.ZipFile, manifest: dict, vendor: str) -> None:
    """Refuse, before anything is written, text the target database cannot store: a lone
    surrogate anywhere, NUL for PostgreSQL (SQLite keeps NUL; older backups made from
    SQLite may hold it). Names the table, column and row so the source can be fixed."""
    for entry in manifest["tables"]:
        with zf.open(entry["file"]) as f:
            for row, raw in enumerate(f, start=1):
                if not _MAYBE_UNSTORABLE.search(raw):  # fast path: almost every line
                    continue
                values = json.loads(raw)
                ident = dict(zip(entry["columns"], values)).get("id")
                where = f"row {row}" + (f" (id {ident})" if ident is not None else "")
                for column, value in zip(entry["columns"], values):
                    for text in _strings(value):
                        what = bad_character(text)
                        if what and (vendor == "postgresql" or "NUL" not in what):
                            raise BackupError(
                                f"table {entry['table']}, column {column}, {where}: "
                                f"the text contains {what}, which {vendor} cannot store; "
                                "nothing was restored. Remove it in the source and back up again"
                            )


def _open(path: str | Path) -> zipfile.ZipFile:
    p = Path(path)
    if not p.is_file():
        raise BackupError(f"no such file: {path}")
    try:
        return zipfile.ZipFile(p)
    except zipfile.BadZipFile:
        raise BackupError(f"{p.name} is not a Tallytale backup (not a zip archive)") from None


# --- restore ----------------------------------------------------------------------------


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

"""What a backup archive is and what every archive must pass before it is trusted: the format\nand its manifest, the models it holds, the checks on its members and digests, values that\ncannot be stored on the target, and the ledger totals and audit head it records."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import decimal
import hashlib
import json
import re
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import connections, models
from django.utils.duration import duration_iso_string

from tallytale.core.textsafe import bad_character
from tallytale.errors import InvalidInput

FORMAT = "tallytale-backup"


FORMAT_VERSION = 1


BATCH = 1000


# Rows `migrate` itself creates; a target holding only these still counts as empty.
SEEDED_BY_MIGRATE = ("auth_permission", "django_content_type")


class BackupError(InvalidInput):
    pass


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


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _apps():
    from django.apps import apps

    return apps


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

"""Scratch databases for reliability tests: SQLite files and PostgreSQL databases.

PostgreSQL comes from TALLYTALE_TEST_PG_URL (any database on the server; scratch ones are
created beside it), else from the suite's own connection when the suite runs on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
from django.db import connection

from tallytale.ops import archive

PG_SKIP = (
    "needs PostgreSQL: set TALLYTALE_TEST_PG_URL=postgres://user:pass@host:5432/db "
    "or run the suite with DATABASE_URL on PostgreSQL"
)


def pg_base() -> dict | None:
    url = os.environ.get("TALLYTALE_TEST_PG_URL")
    if url:
        return dj_database_url.parse(url)
    if connection.vendor == "postgresql":
        return dict(connection.settings_dict)
    return None


def _admin(base: dict):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=base.get("USER") or None,
        password=base.get("PASSWORD") or None,
        host=base.get("HOST") or None,
        port=base.get("PORT") or None,
        autocommit=True,
    )


@contextlib.contextmanager
def scratch_pg(alias: str) -> Iterator[dict]:
    base = pg_base()
    assert base is not None
    name = f"tt_scratch_{uuid.uuid4().hex[:10]}"
    with _admin(base) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    cfg = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": base.get("USER", ""),
        "PASSWORD": base.get("PASSWORD", ""),
        "HOST": base.get("HOST", ""),
        "PORT": base.get("PORT", ""),
    }
    archive._add_alias(alias, cfg)
    try:
        yield cfg
    finally:
        archive._drop_alias(alias)
        _drop_database(base, name)


def _drop_database(base: dict, name: str) -> None:
    import psycopg

    for _ in range(20):  # an autovacuum worker may still be attached for a moment
        try:
            with _admin(base) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except psycopg.errors.ObjectInUse:
            time.sleep(0.5)


@contextlib.contextmanager
def scratch_sqlite(alias: str, path: Path) -> Iterator[dict]:
    cfg = archive.sqlite_config(path)
    archive._add_alias(alias, cfg)
    try:
        yield cfg
    finally:
        archive._drop_alias(alias)


def url_of(cfg: dict) -> str:
    if cfg["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{cfg['NAME']}"
    port = cfg.get("PORT") or 5432
    return f"postgres://{cfg['USER']}:{cfg['PASSWORD']}@{cfg.get('HOST') or '127.0.0.1'}:{port}/{cfg['NAME']}"


def current_url() -> str:
    return url_of(dict(connection.settings_dict))

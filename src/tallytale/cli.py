"""The `tallytale` command: a thin wrapper over Django management commands.

`--db URL` is taken out of the arguments before Django starts, because the database is
chosen when settings load. Every command then exits non-zero with a one-line reason on
bad input.
"""

from __future__ import annotations

import os
import sys

COMMANDS = {
    "init": "create or upgrade the database",
    "demo": "generate the demo programme and its reports",
    "serve": "run the web app",
    "programme": "create programmes",
    "project": "create and list projects",
    "person": "register people in projects",
    "partner": "register partner organisations",
    "ledger": "time credits: earn, spend, gift, reverse, balance, statement, stats",
    "import": "import contributions, forms, responses, stories, codebooks",
    "export": "export responses, stories, codebooks",
    "report": "build an evidence report (or queue it as a job with --queue)",
    "claim": "a project's own figures in reports: add, list, remove",
    "worker": "run background jobs (reports, exports, theme discovery) from the queue",
    "jobs": "background jobs: list, cancel, retry, delete expired results",
    "themes": "discover themes in stories",
    "redact": "mask personal data in text",
    "story": "withdraw stories, change consent, review redactions",
    "wave": "survey waves: create, list",
    "backup": "write a verified, portable backup (SQLite or PostgreSQL)",
    "restore": "restore a backup into an empty database",
    "audit": "verify the audit log's hash chain",
    "codes": "codebook: add, rename, move, merge, split, list; agreement; suggested codes",
    "instrument": "survey instruments: list, install built-ins",
    "uploads": "uploaded import files: delete expired and imported ones",
}
NO_DATABASE = {"redact", "restore"}


def _pop_db(argv: list[str]) -> str | None:
    db = None
    out = []
    it = iter(argv)
    for arg in it:
        if arg == "--db":
            db = next(it, None)
            if db is None:
                sys.stderr.write("tallytale: error: --db needs a URL or a file path\n")
                raise SystemExit(2)
        elif arg.startswith("--db="):
            db = arg.split("=", 1)[1]
        else:
            out.append(arg)
    argv[:] = out
    return db


def database_url(db: str) -> str:
    """What `--db` names, as a database URL: a plain path (no `scheme://`) is a SQLite
    file; a URL must be one dj-database-url can read. Raises ValueError with one line."""
    import dj_database_url

    if "://" not in db:
        from pathlib import Path

        return f"sqlite:///{Path(db).expanduser().resolve()}"
    try:
        dj_database_url.parse(db)
    except Exception as exc:  # noqa: BLE001 - UnknownSchemeError, ParseError, ValueError...
        scheme = db.split("://", 1)[0]
        hint = (
            f"unknown scheme {scheme!r}"
            if type(exc).__name__ == "UnknownSchemeError"
            else "not a valid URL"
        )
        raise ValueError(
            f"--db {db!r}: {hint}; give a file path for SQLite or a URL such as "
            "postgres://user:password@host:5432/name"
        ) from None
    return db


def _usage() -> str:
    from tallytale import __version__

    lines = [
        f"usage: tallytale COMMAND [options] [--db URL]   (Tallytale {__version__})",
        "",
        "commands:",
    ]
    for name, text in COMMANDS.items():
        lines.append(f"  {name:<10} {text}")
    lines.append("")
    lines.append("`tallytale COMMAND --help` describes each command.")
    return "\n".join(lines)


def _needs_migration() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    db = _pop_db(argv)
    if db:
        try:
            os.environ["DATABASE_URL"] = database_url(db)
        except ValueError as exc:
            sys.stderr.write(f"tallytale: error: {exc}\n")
            return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(_usage())
        return 0
    import django

    django.setup()
    from django.core.management import get_commands

    if argv[0] not in COMMANDS and argv[0] not in get_commands():
        sys.stderr.write(f"tallytale: error: unknown command {argv[0]!r}; see `tallytale --help`\n")
        return 2
    helping = any(a in ("-h", "--help") for a in argv)
    if argv[0] not in ("init", "demo", *NO_DATABASE) and not helping:
        from django.db.utils import OperationalError

        try:
            pending = _needs_migration()
        except OperationalError as exc:
            sys.stderr.write(f"tallytale: error: cannot open the database: {exc}\n")
            return 1
        if pending:
            sys.stderr.write(
                "tallytale: error: the database is not initialised; run `tallytale init`\n"
            )
            return 1
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tallytale", *argv])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

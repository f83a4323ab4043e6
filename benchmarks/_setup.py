"""Shared set-up for benchmarks: a fresh database chosen before Django starts."""

from __future__ import annotations

import os
import platform
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def fresh_django(label: str) -> str:
    """Point Django at a new SQLite file (or at DATABASE_URL if set), migrate, return a
    description of the database."""
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix=f"tallytale-bench-{label}-")
        os.environ["TALLYTALE_DATA_DIR"] = tmp
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    return connection.vendor


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

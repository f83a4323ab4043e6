"""Build the database the worker-kill test runs against (run as a script): migrated, with
the small sample project."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")


def main(db_url: str) -> None:
    os.environ["DATABASE_URL"] = db_url
    import django

    django.setup()
    from django.core.management import call_command

    from tallytale.demo.sample import build_sample_project

    call_command("migrate", verbosity=0, interactive=False)
    build_sample_project("riverside", participants=60, seed=11)


if __name__ == "__main__":
    main(sys.argv[1])

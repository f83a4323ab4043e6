"""Build the database the crash tests kill imports against (run as a script)."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")


def main(db_url: str, people: int) -> None:
    os.environ["DATABASE_URL"] = db_url
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from tallytale.programmes import services as p
    from tallytale.programmes.permissions import Actor

    call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        p.create_project("cwm", "Cwm")
        p.add_partner("library", "cwm", "earning")
        p.add_partner("pool", "cwm", "spending")
        for i in range(people):
            p.add_person(
                f"P{i:05d}", "cwm", joined_on=dt.date(2024, 1, 1), actor=Actor.cli("test:operator")
            )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

"""Same seed and day, same database: the demo is reproducible."""

import datetime as dt

import pytest
from django.db import transaction

from tallytale.demo import programme
from tallytale.demo.digest import content_digest

TODAY = dt.date(2025, 6, 30)


class _Rollback(Exception):
    pass


@pytest.mark.django_db
def test_same_seed_same_database():
    def build(seed: int) -> str:
        try:
            with transaction.atomic():
                programme.build_programme(seed=seed, participants=40, today=TODAY)
                digest = content_digest()
                raise _Rollback
        except _Rollback:
            return digest

    first = build(5)
    assert build(5) == first
    assert build(6) != first


@pytest.mark.django_db
def test_demo_command_prints_slugs_counts_and_logins(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(
        "demo",
        "--participants=10",
        "--seed=3",
        "--today=2025-06-30",
        "--no-serve",
        "--no-reports",
        f"--out={tmp_path}",
        stdout=out,
    )
    text = out.getvalue()
    for slug in programme.project_slugs():
        assert slug in text
    assert "10 participants" in text
    assert "cwm-time-credits-coordinator" in text
    from tallytale.demo.users import demo_password

    assert demo_password(3) in text
    # a second run shows the existing demo, with the password of the seed it was made with
    out = StringIO()
    call_command("demo", "--seed=4", "--no-serve", "--no-reports", stdout=out)
    assert "already present" in out.getvalue() and demo_password(3) in out.getvalue()

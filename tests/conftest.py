import datetime as dt

import pytest

from tallytale.ledger.services import Actor
from tallytale.programmes import services as people
from tests.actors import OPERATOR


@pytest.fixture
def actor():
    return Actor("test:coordinator")


@pytest.fixture
def scheme(db):
    """A small scheme in one programme: two projects, partners and members.

    cwm: members M1, M2, M3; partners library (earning, no budget), garden (earning,
    budgeted later by tests), pool (spending), cafe (both).
    town: member T1, partner cinema (spending).
    """
    people.create_programme("valleys", "Valleys")
    people.create_project("cwm", "Cwm", "valleys")
    people.create_project("town", "Town", "valleys")
    people.create_project("elsewhere", "Elsewhere")
    for code in ("M1", "M2", "M3"):
        people.add_person(code, "cwm", joined_on=dt.date(2025, 1, 1), actor=OPERATOR)
    people.add_person(
        "T1", "town", joined_on=dt.date(2025, 1, 1), card_code="CARD-T1", actor=OPERATOR
    )
    people.add_person("X1", "elsewhere", joined_on=dt.date(2025, 1, 1), actor=OPERATOR)
    people.add_partner("library", "cwm", "earning")
    people.add_partner("garden", "cwm", "earning")
    people.add_partner("pool", "cwm", "spending")
    people.add_partner("cafe", "cwm", "both", overdraft_minutes=120)
    people.add_partner("cinema", "town", "spending")
    people.add_partner("far-shop", "elsewhere", "spending")
    return "cwm"


@pytest.fixture(autouse=True, scope="session")
def _private_jobs_root(tmp_path_factory):
    """Job results go to a scratch directory, never the working copy's data dir."""
    from django.conf import settings

    settings.JOBS_ROOT = tmp_path_factory.mktemp("jobs")


@pytest.fixture(autouse=True)
def _mfa_not_enforced(settings):
    """Tests sign in with `force_login`, which has no second step; the tests of MFA itself
    (tests/security) turn it back on."""
    settings.MFA_ENFORCED = False


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in Welsh or Arabic leaves its
    language active in the thread (LocaleMiddleware does not reset it), and a service's
    message translated at raise time would otherwise follow into the next test."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_dashboard(settings):
    """Each test sees the dashboard's figures as of now; tests/web/test_dashboard_cache.py
    checks the cached figures served when DASHBOARD_MAX_AGE is on."""
    settings.DASHBOARD_MAX_AGE = 0


@pytest.fixture(autouse=True, scope="session")
def _private_uploads(tmp_path_factory):
    """Uploaded import files go to a private directory of the test session (set before any
    fixture, module-wide seeds included, keeps a file)."""
    from django.conf import settings

    settings.TALLYTALE_UPLOAD_ROOT = tmp_path_factory.mktemp("uploads")


@pytest.fixture(autouse=True, scope="session")
def _private_media_root(tmp_path_factory):
    """Recordings and form media go to a private directory of the test session, never the
    working copy's data dir (tests that look at the files set their own)."""
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")

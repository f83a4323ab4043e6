import pytest
from django.db import transaction

from tallytale.demo.sample import build_sample_project


@pytest.fixture(scope="module")
def _module_sample(django_db_setup, django_db_blocker):
    """The sample project, built once per test module inside a transaction that is rolled
    back after the module's last test (Django's `setUpTestData`, for pytest)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_sample_project("riverside", participants=60, seed=11)
        transaction.set_rollback(True)


@pytest.fixture
def sample(_module_sample, db):
    """A project of 60 participants: SWEMWBS at baseline and 6 months, time-credit outcomes
    at 6 months, ~36 stories across consent levels, and a season of ledger activity.

    Shared by the tests of a module; each test runs in its own savepoint (the `db`
    fixture), so what one test writes (a withdrawal, a custom claim, a build log) is rolled
    back before the next one starts."""
    return _module_sample

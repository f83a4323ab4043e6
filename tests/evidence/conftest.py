import pytest

from tallytale.demo.sample import build_sample_project


@pytest.fixture
def sample(db):
    """A project of 60 participants: SWEMWBS at baseline and 6 months, time-credit outcomes
    at 6 months, ~36 stories across consent levels, and a season of ledger activity."""
    return build_sample_project("riverside", participants=60, seed=11)

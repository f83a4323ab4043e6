import pytest

from tallytale.programmes import services as people
from tallytale.surveys import services
from tests.actors import OPERATOR

from .forms import community_health_form


@pytest.fixture
def health_form(tmp_path):
    return community_health_form(tmp_path / "community_health.xlsx")


@pytest.fixture
def instrument(scheme, health_form):
    services.create_wave("cwm", "baseline", label="Baseline")
    services.create_wave("cwm", "m6", label="6 months")
    return services.import_instrument(health_form, "cwm").instrument


@pytest.fixture
def people_cwm(scheme):
    people.add_person("R1", "cwm", "researcher", actor=OPERATOR)
    people.add_person("E1", "cwm", "evaluator", actor=OPERATOR)
    return "cwm"

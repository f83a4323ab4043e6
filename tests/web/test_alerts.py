"""The coordinator's dashboard: alerts that ask for action, and figures written as people
write them (3,833 hours, not 3833.0)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tallytale.ledger import services as ledger
from tallytale.stories.models import Story
from tallytale.surveys.models import Wave
from tests.actors import OPERATOR

pytestmark = pytest.mark.django_db

URL = reverse("web:coordinate", args=["cwm"])


@pytest.fixture
def coord(client, site, settings):
    settings.DASHBOARD_MAX_AGE = 0
    client.force_login(site["users"]["coordinator"])
    return client


def alerts_of(r) -> str:
    page = r.content.decode()
    return page.split("Needs attention")[1].split("So far")[0]


def test_figures_are_grouped_not_machine_floats(coord, monkeypatch):
    from tallytale.web import roles

    real = roles.dashboard_data

    def big(project):
        figures, overall, as_of = real(project)
        overall = {**overall, "hours_given": 3833.0, "active_members": 1204,
                   "credits_spent_minutes": 3833 * 60 + 30}  # fmt: skip
        return figures, overall, as_of

    monkeypatch.setattr(roles, "dashboard_data", big)
    page = coord.get(URL).content.decode()
    assert '<p class="figure">3,833</p>' in page and "3833.0" not in page
    assert '<p class="figure">1,204</p>' in page
    assert '<p class="figure">3,833.5</p>' in page


def test_budget_about_to_run_out(coord):
    ledger.set_budget("garden", 10, key="b-1", actor=OPERATOR)
    assert "garden" not in alerts_of(coord.get(URL))
    ledger.earn("M1", "garden", 9, key="e-1", day=dt.date(2025, 4, 1), actor=OPERATOR)
    text = alerts_of(coord.get(URL))
    assert "garden has 1 of 10 budget credits left." in text
    assert reverse("web:partner", args=["cwm", "garden"]) in text


def test_inactive_members_held_stories_and_low_wave(coord, site):
    Story.objects.filter(pk=site["story"].pk).update(held_for_review=True)
    Wave.objects.filter(project__slug="cwm", name="baseline").update(
        closes_on=timezone.localdate() + dt.timedelta(days=5)
    )
    text = alerts_of(coord.get(URL))
    assert "participants have not earned or spent credits in 3 months." in text
    assert "?status=inactive&amp;months=3&amp;role=participant" in text
    assert "1 story is held for review." in text
    assert "Wave Baseline closes on" in text and "with 0% of participants answered" in text


def test_nothing_to_do_says_so(coord):
    from tallytale.programmes.models import Membership

    Membership.objects.filter(project__slug="cwm", role="participant").delete()
    assert "Nothing needs attention." in alerts_of(coord.get(URL))

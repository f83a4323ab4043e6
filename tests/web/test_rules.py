"""The scheme rules page: expiry, limits, overdraft per partner, and the disclosure k."""

import pytest
from django.urls import reverse

from tallytale.audit.models import AuditEvent
from tallytale.programmes.models import Project

pytestmark = pytest.mark.django_db

URL = reverse("web:rules", args=["cwm"])


def test_rules_page_shows_policy_and_overdrafts(client, site):
    client.force_login(site["users"]["coordinator"])
    page = client.get(URL).content.decode()
    assert "Credits do not expire" in page
    assert "cafe</a> (cafe)" in page and '<td class="num">2</td>' in page  # 120 minutes
    assert "No report publishes a count below 5" in page


def test_change_disclosure_k_with_audit(client, site):
    client.force_login(site["users"]["coordinator"])
    assert client.post(URL, {"k": "8"}).status_code == 302
    assert Project.objects.get(slug="cwm").disclosure_k == 8
    assert AuditEvent.objects.filter(action="project.disclosure_k").exists()


@pytest.mark.parametrize("k", ["0", "x", "1000", ""])
def test_bad_k_is_a_400_naming_it(client, site, k):
    client.force_login(site["users"]["coordinator"])
    r = client.post(URL, {"k": k})
    assert r.status_code == 400 and "k: enter" in r.content.decode()
    assert Project.objects.get(slug="cwm").disclosure_k == 5


def test_rules_are_for_coordinators(client, site):
    client.force_login(site["users"]["evaluator"])
    assert client.get(URL).status_code == 403

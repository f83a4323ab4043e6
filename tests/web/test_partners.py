"""Partners on the web (add, edit kind, contact and overdraft; budget) with their
opportunities, and "What's on" for members."""

import pytest
from django.urls import reverse

from tallytale.audit.models import AuditEvent
from tallytale.ledger import services as ledger
from tallytale.ledger.models import Account
from tallytale.programmes.models import Opportunity, Organisation
from tests.actors import OPERATOR

pytestmark = pytest.mark.django_db

LIST = reverse("web:partners", args=["cwm"])


def partner_url(slug: str) -> str:
    return reverse("web:partner", args=["cwm", slug])


@pytest.fixture
def coord(client, site):
    client.force_login(site["users"]["coordinator"])
    return client


def test_add_a_partner_with_contact_and_overdraft(coord):
    r = coord.post(
        LIST,
        {"slug": "community-garden", "name": "Community Garden", "kind": "both",
         "contact": "Sam, 01234 000000", "overdraft": "2.5"},
    )  # fmt: skip
    assert r.status_code == 302 and r["Location"] == partner_url("community-garden")
    org = Organisation.objects.get(slug="community-garden")
    assert (org.project.slug, org.kind, org.contact, org.overdraft_minutes) == (
        "cwm", "both", "Sam, 01234 000000", 150
    )  # fmt: skip
    assert Account.objects.get(organisation=org).min_balance == -150
    assert AuditEvent.objects.filter(action="partner.added").exists()


@pytest.mark.parametrize(
    "data,field",
    [
        ({"slug": "", "name": "X", "kind": "both"}, "code"),
        ({"slug": "ok-1", "name": "", "kind": "both"}, "name"),
        ({"slug": "ok-2", "name": "X", "kind": "shop"}, "kind"),
        ({"slug": "ok-3", "name": "X", "kind": "both", "overdraft": "lots"}, "overdraft"),
        ({"slug": "library", "name": "X", "kind": "both"}, "already exists"),
        ({"slug": "Bad Slug", "name": "X", "kind": "both"}, "partner slug"),
    ],
)
def test_bad_partner_is_a_400_naming_the_field_and_keeps_typing(coord, data, field):
    r = coord.post(LIST, data)
    assert r.status_code == 400 and field in r.content.decode()
    if data["name"]:
        assert f'value="{data["name"]}"' in r.content.decode()


def test_edit_kind_contact_and_overdraft_moves_the_account_floor(coord):
    r = coord.post(
        partner_url("cafe"),
        {"action": "update", "name": "The Cafe", "kind": "spending", "contact": "Jo",
         "overdraft": "0"},
    )  # fmt: skip
    assert r.status_code == 302
    cafe = Organisation.objects.get(slug="cafe")
    assert (cafe.name, cafe.kind, cafe.contact, cafe.overdraft_minutes) == (
        "The Cafe", "spending", "Jo", 0
    )  # fmt: skip
    assert Account.objects.get(organisation=cafe).min_balance == 0


def test_overdraft_cannot_drop_below_what_is_already_owed(coord):
    ledger.earn("M1", "cafe", 1, key="cafe-1", actor=OPERATOR)  # cafe now 1 credit below zero?
    owed = -Account.objects.get(organisation__slug="cafe").balance
    if owed <= 0:
        pytest.skip("cafe draws on issuance in this scheme")
    r = coord.post(partner_url("cafe"), {"action": "update", "name": "cafe", "kind": "both",
                                         "overdraft": "0"})  # fmt: skip
    assert r.status_code == 400 and "overdraft" in r.content.decode()


def test_opportunities_and_whats_on(coord, client, site):
    r = coord.post(partner_url("garden"), {"action": "add", "kind": "earn",
                   "title": "Gardening volunteers", "when": "Tuesdays 10:00-12:00"})  # fmt: skip
    assert r.status_code == 302
    r = coord.post(partner_url("pool"), {"action": "add", "kind": "spend", "title": "Swim",
                   "price": "1.5"})  # fmt: skip
    assert r.status_code == 302
    assert Opportunity.objects.get(title="Swim").price_minutes == 90
    client.force_login(site["users"]["participant"])
    page = client.get(reverse("web:whats_on", args=["cwm"])).content.decode()
    assert "Gardening volunteers" in page and "Tuesdays 10:00-12:00" in page
    assert "Swim" in page and "Price: 1.5 credits" in page
    # closing takes it off what's on
    client.force_login(site["users"]["coordinator"])
    swim = Opportunity.objects.get(title="Swim")
    coord.post(partner_url("pool"), {"action": "close", "opportunity": swim.pk})
    client.force_login(site["users"]["participant"])
    assert "Swim" not in client.get(reverse("web:whats_on", args=["cwm"])).content.decode()


@pytest.mark.parametrize(
    "slug,data,field",
    [
        ("pool", {"kind": "earn", "title": "Lifeguard"}, "does not reward time"),
        ("library", {"kind": "spend", "title": "Book", "price": "1"}, "does not take credits"),
        ("pool", {"kind": "spend", "title": "Swim"}, "price"),
        ("pool", {"kind": "spend", "title": "", "price": "1"}, "title"),
    ],
)
def test_bad_opportunity_is_named(coord, slug, data, field):
    r = coord.post(partner_url(slug), {"action": "add", **data})
    assert r.status_code == 400 and field in r.content.decode()


def test_other_projects_partner_or_opportunity_is_unknown(coord):
    assert coord.get(partner_url("cinema")).status_code == 404
    other = Opportunity.objects.create(
        partner=Organisation.objects.get(slug="cinema"), kind="spend", title="Film",
        price_minutes=60,
    )  # fmt: skip
    r = coord.post(partner_url("pool"), {"action": "close", "opportunity": other.pk})
    assert r.status_code == 400
    assert Opportunity.objects.get(pk=other.pk).is_open


def test_partners_pages_are_for_coordinators_whats_on_for_members(client, site):
    client.force_login(site["users"]["researcher"])
    assert client.get(LIST).status_code == 403
    assert client.get(partner_url("pool")).status_code == 403
    assert client.get(reverse("web:whats_on", args=["cwm"])).status_code == 200
    client.force_login(site["users"]["outsider"])
    assert client.get(reverse("web:whats_on", args=["cwm"])).status_code == 403

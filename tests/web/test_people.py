"""The coordinator's member directory and member page: search by name, code, card, phone
and e-mail; filters; the statement paged; actions; and a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tallytale.ledger import services as ledger
from tallytale.ledger.models import Transfer
from tallytale.programmes import services as people
from tallytale.programmes.models import ContactDetails, Person
from tests.actors import OPERATOR

pytestmark = pytest.mark.django_db

DIR = reverse("web:directory", args=["cwm"])


def member_url(code: str) -> str:
    return reverse("web:member", args=["cwm", code])


@pytest.fixture
def coord(client, site):
    client.force_login(site["users"]["coordinator"])
    ContactDetails.objects.filter(person__code="M1").update(name="Ann Powell")
    return client


def names(resp) -> str:
    return resp.content.decode()


@pytest.mark.parametrize(
    "q,found,absent",
    [
        ("powell", "Ann Powell (M1)", "M2"),
        ("m2", "M2", "Ann Powell"),
        ("m1@example", "Ann Powell (M1)", "M2"),
        ("01234567890", "Ann Powell (M1)", "M2"),
        ("01234 567", "Ann Powell (M1)", "M2"),
    ],
)
def test_search_by_name_code_email_phone(coord, q, found, absent):
    r = coord.get(DIR, {"q": q})
    assert r.status_code == 200
    body = names(r)
    assert found in body and f">{absent}<" not in body and absent + " (" not in body


def test_search_never_finds_another_projects_people(coord):
    r = coord.get(DIR, {"q": "T1"})
    assert "T1" not in names(r).split("</form>")[-1]
    r = coord.get(DIR, {"q": "CARD-T1"})
    assert "T1" not in names(r).split("</form>")[-1]


def test_filters_active_inactive_new_role_partner(coord):
    ledger.earn("M2", "garden", 1, day=dt.date.today(), key="f-1", actor=OPERATOR)
    active = names(coord.get(DIR, {"status": "active", "months": "2"}))
    assert member_url("M2") in active and member_url("M3") not in active
    inactive = names(coord.get(DIR, {"status": "inactive", "months": "2"}))
    assert member_url("M3") in inactive and member_url("M2") not in inactive
    role = names(coord.get(DIR, {"role": "coordinator"}))
    assert member_url("C1") in role and member_url("M2") not in role
    partner = names(coord.get(DIR, {"partner": "library"}))
    assert member_url("M1") in partner and member_url("M2") not in partner
    people.add_person("N9", "cwm", joined_on=dt.date.today(), actor=OPERATOR)
    new = names(coord.get(DIR, {"status": "new", "months": "1"}))
    assert member_url("N9") in new and member_url("M1") not in new


@pytest.mark.parametrize(
    "params,field",
    [
        ({"months": "x"}, "months"),
        ({"months": "0"}, "months"),
        ({"status": "asleep"}, "status"),
        ({"role": "king"}, "role"),
        ({"partner": "cinema"}, "partner"),  # another project's partner
    ],
)
def test_bad_filters_are_a_400_naming_the_field(coord, params, field):
    r = coord.get(DIR, params)
    assert r.status_code == 400
    assert field in names(r)


def test_directory_is_for_coordinators_only(client, site):
    client.force_login(site["users"]["researcher"])
    assert client.get(DIR).status_code == 403
    assert client.get(member_url("M1")).status_code == 403


def test_directory_queries_do_not_grow_with_members(coord):
    coord.get(DIR)
    with CaptureQueriesContext(connection) as few:
        coord.get(DIR)
    for i in range(20):
        p = people.add_person(f"Q{i}", "cwm", actor=OPERATOR)
        ContactDetails.objects.create(person=p, name=f"Person {i}", phone=str(i))
    with CaptureQueriesContext(connection) as many:
        r = coord.get(DIR)
    assert r.content.decode().count("/people/Q") == 20
    assert len(many) == len(few)


def test_member_page_shows_profile_contact_balance_hours_counts(coord):
    r = coord.get(member_url("M1"))
    body = names(r)
    assert r.status_code == 200
    assert "Ann Powell (M1)" in body and "m1@example.org" in body
    assert "Balance: 2 credits" in body
    assert "library (library)" in body  # hours by partner
    assert "1 story told" in body and "0 surveys answered" in body
    assert "I went to the garden club" not in body  # counts only, never content


def test_member_page_unknown_or_other_project_member_is_404(coord):
    assert coord.get(member_url("T1")).status_code == 404
    assert coord.get(member_url("nobody")).status_code == 404


def test_member_statement_pages_with_running_balance(coord):
    for i in range(30):
        day = dt.date(2025, 4, 1) + dt.timedelta(days=i)
        ledger.earn("M2", "library", 1, day=day, key=f"p-{i}", actor=OPERATOR)
    first = coord.get(member_url("M2"))
    second = coord.get(member_url("M2"), {"page": "2"})
    assert "Page 1 of 2" in names(first) and "Page 2 of 2" in names(second)
    # the oldest line (last on page 2) leaves a balance of 1 credit
    rows = names(second).split("<tbody>")[2].split("</tr>")
    assert '<td class="num">1</td>' in rows[4]


def test_member_statement_queries_do_not_grow(coord):
    ledger.earn("M2", "library", 1, day=dt.date(2025, 4, 1), key="q-first", actor=OPERATOR)
    coord.get(member_url("M2"))
    with CaptureQueriesContext(connection) as few:
        coord.get(member_url("M2"))
    for i in range(20):
        ledger.earn("M2", "library", 1, day=dt.date(2025, 4, 1), key=f"q-{i}", actor=OPERATOR)
    with CaptureQueriesContext(connection) as many:
        coord.get(member_url("M2"))
    assert len(many) == len(few)


def test_member_page_records_hours_and_says_what(coord):
    r = coord.post(
        member_url("M1"),
        {"action": "earn", "partner": "library", "amount": "2.5", "category": "gardening"},
        follow=True,
    )
    assert "Recorded 2.5 hours for Ann P. (M1) at library: 2.5 credits." in names(r)
    assert Transfer.objects.filter(kind="earn", category="gardening").exists()


def test_member_page_keeps_what_was_typed_after_an_error(coord):
    r = coord.post(
        member_url("M1"),
        {"action": "spend", "partner": "pool", "amount": "500", "category": "swim"},
    )
    assert r.status_code == 400
    body = names(r)
    assert 'value="500"' in body and 'value="swim"' in body


def test_member_page_reverses_only_its_own_transfers(coord):
    other = ledger.earn("M2", "library", 1, key="o-1", actor=OPERATOR)
    r = coord.post(member_url("M1"), {"action": "reverse", "transfer": other.pk, "reason": "x"})
    assert r.status_code == 400
    assert not Transfer.objects.filter(reverses=other).exists()
    mine = Transfer.objects.filter(kind="spend", debit__person__code="M1").get()
    r = coord.post(member_url("M1"), {"action": "reverse", "transfer": mine.pk, "reason": "typo"})
    assert r.status_code == 302
    assert Transfer.objects.filter(reverses=mine).exists()


def test_member_page_adds_a_role_and_makes_an_invitation(coord):
    r = coord.post(member_url("M2"), {"action": "role", "role": "researcher"})
    assert r.status_code == 302
    assert Person.objects.get(code="M2").memberships.filter(role="researcher").exists()
    r = coord.post(member_url("M2"), {"action": "invite", "role": "participant"}, follow=True)
    assert "Give the member this link: http://testserver/accounts/invitation/" in names(r)


def test_member_page_removes_a_role_but_not_the_last_one(coord):
    from tallytale.audit.models import AuditEvent

    coord.post(member_url("M2"), {"action": "role", "role": "researcher"})
    r = coord.post(member_url("M2"), {"action": "remove_role", "role": "researcher"})
    assert r.status_code == 302
    assert list(Person.objects.get(code="M2").memberships.values_list("role", flat=True)) == [
        "participant"
    ]
    assert AuditEvent.objects.filter(action="person.membership_removed").exists()
    r = coord.post(member_url("M2"), {"action": "remove_role", "role": "participant"})
    assert r.status_code == 400 and "only role" in r.content.decode()
    r = coord.post(member_url("M2"), {"action": "remove_role", "role": "admin"})
    assert r.status_code == 400


def test_coordinator_cannot_remove_their_own_coordinator_role(coord):
    people.add_person("C1", "cwm", "researcher", actor=OPERATOR)
    r = coord.post(member_url("C1"), {"action": "remove_role", "role": "coordinator"})
    assert r.status_code == 400 and "another coordinator" in r.content.decode()


def test_a_coordinator_of_one_project_starts_on_its_dashboard(coord):
    r = coord.get(reverse("web:home"))
    assert r.status_code == 302 and r["Location"] == reverse("web:coordinate", args=["cwm"])
    # the list of projects is still there when asked for
    r = coord.get(reverse("web:home") + "?projects=1")
    assert r.status_code == 200 and "Your projects" in r.content.decode()

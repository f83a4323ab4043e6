"""A person's codes are not a capability: nobody crosses into another project's people.

The review's critical finding: a coordinator of one project could add another project's
person to their own project, then reset that person's password or accept an invitation in
their name, and read the other project's data as them. Here every path is tried by the
coordinator of `cwm` (C1) against people of `elsewhere` (O1, who has an account; X1, who
has none) and of `town` (T1, same programme).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tallytale.accounts import services
from tallytale.accounts.models import Invitation
from tallytale.audit.models import AuditEvent
from tallytale.errors import AlreadyExists, InvalidInput, NotFound
from tallytale.ledger import batch as ledger_batch
from tallytale.ledger import services as ledger
from tallytale.ledger.importers import ImportFailed, import_contributions
from tallytale.ledger.models import Transfer
from tallytale.programmes import services as people
from tallytale.programmes.models import Membership, Person, Project
from tallytale.programmes.permissions import Actor
from tests.actors import OPERATOR
from tests.passwords import with_password

GOOD = "a long enough pass phrase"
TODAY = dt.date(2025, 6, 30)


def projects_of(code: str) -> set[str]:
    return set(Membership.objects.filter(person__code=code).values_list("project__slug", flat=True))


@pytest.fixture
def coordinator(client, role_users):
    client.force_login(role_users["coordinator"])
    return Actor.from_request(type("R", (), {"user": role_users["coordinator"]})())


def test_members_page_refuses_another_projects_code(client, coordinator, role_users):
    for code in ("O1", "X1", "T1"):
        r = client.post(reverse("web:members", args=["cwm"]), {"code": code, "role": "researcher"})
        assert r.status_code == 400, code
        assert "registered in another project" in r.content.decode()
        assert "cwm" not in projects_of(code)
    # ... and so the password page does not know them either
    r = client.get(reverse("accounts:reset", args=["cwm", "O1"]))
    assert r.status_code == 404


def test_add_person_service_checks_the_actor_itself(coordinator, role_users):
    with pytest.raises(AlreadyExists, match="registered in another project"):
        people.add_person("X1", "cwm", actor=coordinator)
    with pytest.raises(PermissionDenied):  # a participant manages nobody
        people.add_person("NEW5", "cwm", actor=Actor("web:p1", role_users["participant"]))
    with pytest.raises(InvalidInput, match="only an admin"):
        people.add_person("NEW6", "cwm", "admin", actor=coordinator)
    # a coordinator of both projects may bring a person across, and it is audited
    people.add_person("C1", "elsewhere", "coordinator", actor=OPERATOR)
    coordinator = Actor("web:c1", User.objects.get(username="c1"))  # roles are read per request
    people.add_person("X1", "cwm", actor=coordinator)
    assert projects_of("X1") == {"elsewhere", "cwm"}
    event = AuditEvent.objects.filter(action="person.membership_added").latest("id")
    assert event.project_slug == "cwm" and event.actor_label == coordinator.label


def test_password_reset_refused_for_a_person_who_also_belongs_elsewhere(client, coordinator):
    o1 = User.objects.get(username="o1")
    with_password(o1, GOOD)
    people.add_person("O1", "cwm", actor=OPERATOR)  # an admin joined them to cwm too
    url = reverse("accounts:reset", args=["cwm", "O1"])
    r = client.post(
        url, {"password": "another long pass phrase", "password2": "another long pass phrase"}
    )
    assert r.status_code == 400
    assert "also belongs to another project" in r.content.decode()
    o1.refresh_from_db()
    assert o1.check_password(GOOD)
    with pytest.raises(InvalidInput, match="also belongs to another project"):
        services.reset_member_password(
            cwm_project(), "O1", "yet another pass phrase", actor=coordinator.user
        )


def cwm_project() -> Project:
    return Project.objects.get(slug="cwm")


def test_inviting_another_projects_person_without_an_account_is_refused(client, coordinator):
    r = client.post(
        reverse("accounts:people", args=["cwm"]), {"person_code": "X1", "role": "participant"}
    )
    assert r.status_code == 400
    assert "registered in another project" in r.content.decode()
    assert not Invitation.objects.exists()
    assert Person.objects.get(code="X1").user_id is None


def test_invitation_for_a_person_with_an_account_needs_them_signed_in(client, role_users):
    inv, secret = services.invite(cwm_project(), "O1", actor=role_users["coordinator"])
    url = reverse("accounts:accept", args=[secret])
    # a stranger (or the coordinator) choosing a new user name cannot become O1
    r = client.post(url, {"username": "mallory", "password": GOOD, "password2": GOOD})
    assert r.status_code == 400 and "sign in as them" in r.content.decode()
    assert not User.objects.filter(username="mallory").exists()
    # someone else signed in cannot use it
    client.force_login(role_users["researcher"])
    r = client.post(url)
    assert r.status_code == 400 and "for someone else" in r.content.decode()
    assert "cwm" not in projects_of("O1")
    # O1, signed in, consents by accepting
    client.force_login(role_users["outsider"])
    assert "Join with my account" in client.get(url).content.decode()
    r = client.post(url)
    assert r.status_code == 302
    assert projects_of("O1") == {"elsewhere", "cwm"}
    event = AuditEvent.objects.filter(action="person.membership_added").latest("id")
    assert event.detail["by_consent"] is True and event.actor_label == "web:o1"
    assert client.post(url).status_code == 404  # used once


def test_ledger_services_look_people_and_partners_up_within_the_project(coordinator):
    cwm = cwm_project()
    with pytest.raises(NotFound, match="no partner 'far-shop' in 'cwm'"):
        ledger.earn("M1", "far-shop", 1, actor=coordinator, project=cwm, today=TODAY)
    with pytest.raises(NotFound, match="no member 'X1'"):
        ledger.spend("X1", "pool", 1, actor=coordinator, project=cwm, today=TODAY)
    with pytest.raises(NotFound, match="no member 'T1'"):
        ledger.gift("T1", "M1", 1, actor=coordinator, project=cwm, today=TODAY)
    # without a project the service finds it from what is named, and checks the actor there
    with pytest.raises(PermissionDenied):
        ledger.earn("X1", "far-shop", 1, actor=coordinator, today=TODAY)
    with pytest.raises(PermissionDenied):
        ledger.set_budget("far-shop", 5, actor=coordinator)
    with pytest.raises(PermissionDenied):
        ledger_batch.record_batch(
            [ledger_batch.Op("earn", "M1", 60, "k1", partner="library")], actor=coordinator
        )
    assert Transfer.objects.count() == 0


def test_reversal_of_another_projects_transfer_is_refused(coordinator):
    people.add_partner("far-farm", "elsewhere", "earning")
    theirs = ledger.earn("X1", "far-farm", 2, actor=OPERATOR, today=TODAY)
    with pytest.raises(NotFound, match=f"no transfer {theirs.pk} in 'cwm'"):
        ledger.reverse(theirs.pk, actor=coordinator, project=cwm_project())
    with pytest.raises(PermissionDenied):
        ledger.reverse(theirs.pk, actor=coordinator)
    assert not Transfer.objects.filter(reverses=theirs).exists()


def test_contributions_import_names_only_this_projects_partners(coordinator):
    text = "person_code,partner,date,hours,activity\nM1,far-shop,2025-06-01,2,gardening\n"
    with pytest.raises(ImportFailed, match="no partner 'far-shop' in 'cwm'"):
        import_contributions(text, "cwm", actor=coordinator, today=TODAY)
    assert Transfer.objects.count() == 0

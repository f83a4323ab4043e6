"""Invitations, one-time links, coordinator password resets, lockout, session timeouts and
API tokens: secrets stored hashed, used once, expiring, and every decision audited."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tallytale.accounts import services
from tallytale.accounts.middleware import SEEN, STARTED
from tallytale.accounts.models import ApiToken, Invitation, LoginLink
from tallytale.audit.models import AuditEvent
from tallytale.errors import InvalidInput, NotFound
from tallytale.programmes.models import ContactDetails, Membership, Person
from tests.passwords import with_password

GOOD = "a long enough pass phrase"


def _actions() -> list[str]:
    return list(AuditEvent.objects.values_list("action", flat=True))


# --- invitations ----------------------------------------------------------------------------


def test_invitation_is_stored_hashed_and_accepted_once(client, cwm, role_users):
    inv, secret = services.invite(cwm, "NEW1", "researcher", actor=role_users["coordinator"])
    assert secret not in inv.token_hash and len(inv.token_hash) == 64
    assert not Invitation.objects.filter(token_hash__contains=secret.split(".")[1]).exists()
    url = reverse("accounts:accept", args=[secret])
    assert client.get(url).status_code == 200
    r = client.post(url, {"username": "newbie", "password": GOOD, "password2": GOOD})
    assert r.status_code == 302
    user = User.objects.get(username="newbie")
    assert user.check_password(GOOD)
    assert Membership.objects.filter(person__user=user, project=cwm, role="researcher").exists()
    assert client.session["_auth_user_id"] == str(user.pk)
    client.logout()
    assert client.get(url).status_code == 404  # used
    assert {"account.invite", "account.invitation_accepted"} <= set(_actions())


def test_invitation_rules(cwm, role_users):
    with pytest.raises(PermissionDenied):
        services.invite(cwm, "NEW2", actor=role_users["participant"])
    with pytest.raises(PermissionDenied):
        services.invite(cwm, "NEW2", actor=role_users["outsider"])
    with pytest.raises(InvalidInput, match="only an admin"):
        services.invite(cwm, "NEW2", "admin", actor=role_users["coordinator"])
    with pytest.raises(InvalidInput, match="already a participant"):
        services.invite(cwm, "P1", actor=role_users["coordinator"])
    inv, secret = services.invite(cwm, "NEW2", actor=role_users["admin"])
    Invitation.objects.filter(pk=inv.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    assert services.find_invitation(secret) is None
    with pytest.raises(NotFound):
        services.accept_invitation(secret, "x", GOOD)
    assert services.find_invitation(secret[:-1] + "x") is None
    assert services.find_invitation("garbage") is None


def test_invitation_refuses_weak_and_common_passwords(cwm, role_users):
    _, secret = services.invite(cwm, "NEW3", actor=role_users["coordinator"])
    with pytest.raises(InvalidInput, match="too short"):
        services.accept_invitation(secret, "n3", "short")
    with pytest.raises(InvalidInput, match="too common"):
        services.accept_invitation(secret, "n3", "qazwsxedcrfv")
    assert not User.objects.filter(username="n3").exists()
    assert services.accept_invitation(secret, "n3", GOOD).username == "n3"


def test_existing_member_accepts_invitation_for_new_role(cwm, scheme, role_users):
    inv, secret = services.invite(cwm, "M1", "researcher", actor=role_users["coordinator"])
    user = services.accept_invitation(secret, "m1", GOOD)
    person = Person.objects.get(code="M1")
    assert person.user == user
    assert set(person.memberships.values_list("role", flat=True)) == {"participant", "researcher"}


# --- one-time links -------------------------------------------------------------------------


def test_login_link_by_email_signs_in_once(client, role_users, django_capture_on_commit_callbacks):
    user = role_users["participant"]
    ContactDetails.objects.create(person=user.person, email="p1@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("accounts:link_request"), {"identifier": "p1@example.org"})
    assert r.status_code == 200 and len(mail.outbox) == 1
    url = next(w for w in mail.outbox[0].body.split() if "/accounts/link/" in w)
    path = url.split("testserver", 1)[1]
    assert client.get(path).status_code == 200  # a confirm button: scanners do not use it up
    assert client.post(path).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.logout()
    assert client.post(path).status_code == 404
    assert LoginLink.objects.get().used_at is not None
    assert {"account.login_link_sent", "account.login_link_used", "account.login"} <= set(
        _actions()
    )


def test_login_link_answer_does_not_reveal_accounts(
    client, role_users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a = client.post(reverse("accounts:link_request"), {"identifier": "p1"})  # no e-mail
        b = client.post(reverse("accounts:link_request"), {"identifier": "nobody"})
    assert a.status_code == b.status_code == 200
    assert a.context["request"].path == b.context["request"].path
    assert [t.name for t in a.templates] == [t.name for t in b.templates]
    assert mail.outbox == []


def test_expired_login_link_is_refused(role_users):
    user = role_users["participant"]
    user.email = "p1@example.org"
    user.save()
    urls: list[str] = []
    assert services.request_login_link("p1", build_url=lambda s: urls.append(s) or s)
    LoginLink.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert services.find_login_link(urls[0]) is None
    assert services.consume_login_link(urls[0]) is None


# --- coordinator password reset -------------------------------------------------------------


def test_coordinator_resets_member_password(client, cwm, role_users):
    services.reset_member_password(cwm, "P1", GOOD, actor=role_users["coordinator"])
    r = client.post(reverse("accounts:login"), {"username": "p1", "password": GOOD})
    assert r.status_code == 302
    assert "account.password_reset" in _actions()


def test_password_reset_rules(cwm, role_users):
    with pytest.raises(PermissionDenied):
        services.reset_member_password(cwm, "C1", GOOD, actor=role_users["participant"])
    with pytest.raises(NotFound):  # not a member of cwm
        services.reset_member_password(cwm, "O1", GOOD, actor=role_users["coordinator"])
    with pytest.raises(InvalidInput, match="only an admin"):
        services.reset_member_password(cwm, "A1", GOOD, actor=role_users["coordinator"])
    with pytest.raises(InvalidInput):
        services.reset_member_password(cwm, "P1", "123456789012", actor=role_users["admin"])
    # a member without an account gets one
    services.reset_member_password(cwm, "M2", GOOD, actor=role_users["coordinator"])
    assert Person.objects.get(code="M2").user.check_password(GOOD)


def test_reset_page_for_coordinators_only(client, cwm, role_users):
    url = reverse("accounts:reset", args=["cwm", "P1"])
    client.force_login(role_users["participant"])
    assert client.get(url).status_code == 403
    client.force_login(role_users["coordinator"])
    assert client.get(url).status_code == 200
    r = client.post(url, {"password": GOOD, "password2": GOOD})
    assert r.status_code == 302
    assert User.objects.get(username="p1").check_password(GOOD)


# --- sign-in lockout and sessions -----------------------------------------------------------


def test_repeated_failures_lock_the_address_with_429(client, settings, role_users):
    settings.AXES_FAILURE_LIMIT = 3
    user = role_users["participant"]
    with_password(user, GOOD)
    url = reverse("accounts:login")
    for _ in range(2):
        assert client.post(url, {"username": "p1", "password": "wrong"}).status_code == 200
    r = client.post(url, {"username": "p1", "password": "wrong"})
    assert r.status_code == 429
    assert b"Too many sign-in attempts" in r.content
    # even the right password is refused while locked
    assert client.post(url, {"username": "p1", "password": GOOD}).status_code == 429
    assert "account.login_failed" in _actions()


def test_login_rotates_the_session(client, role_users):
    user = role_users["participant"]
    with_password(user, GOOD)
    client.get(reverse("accounts:login"))
    client.cookies["sessionid"] = "x" * 32
    client.post(reverse("accounts:login"), {"username": "p1", "password": GOOD})
    assert client.cookies["sessionid"].value != "x" * 32


@pytest.mark.parametrize(
    "started,seen,signed_out",
    [(0, 0, False), (0, 31 * 60, True), (12 * 3600 + 1, 60, True), (11 * 3600, 29 * 60, False)],
)
def test_idle_and_absolute_session_timeouts(client, role_users, started, seen, signed_out):
    client.force_login(role_users["participant"])
    client.get(reverse("web:home"))
    now = int(time.time())
    session = client.session
    session[STARTED] = now - started
    session[SEEN] = now - seen
    session.save()
    r = client.get(reverse("web:home"))
    assert (r.status_code == 302) is signed_out
    if signed_out:
        assert r.url.startswith(reverse("accounts:login"))


# --- API tokens -----------------------------------------------------------------------------


def test_api_token_lifecycle(client, role_users):
    user = role_users["participant"]
    client.force_login(user)
    r = client.post(reverse("accounts:tokens"), {"name": "my script"})
    secret = r.context["secret"]
    assert secret.startswith("tt_")
    token = ApiToken.objects.get(user=user)
    assert secret not in token.token_hash
    assert services.authenticate_api_token(secret) == user
    assert ApiToken.objects.get().last_used_at is not None
    assert services.authenticate_api_token(secret + "x") is None
    other = role_users["researcher"]
    with pytest.raises(NotFound):
        services.revoke_api_token(other, token.pk)
    client.post(reverse("accounts:revoke_token", args=[token.pk]))
    assert services.authenticate_api_token(secret) is None
    assert {"account.api_token_created", "account.api_token_revoked"} <= set(_actions())


def test_expired_api_token_is_refused(role_users):
    token, secret = services.create_api_token(role_users["participant"], "t")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert services.authenticate_api_token(secret) is None


def test_login_page_links_to_one_time_link(client):
    r = client.get(reverse("accounts:login"))
    assert r.status_code == 200 and reverse("accounts:link_request").encode() in r.content


def test_login_link_requests_are_rate_limited_per_identifier_and_address(
    client, role_users, settings, django_capture_on_commit_callbacks
):
    """25 requests used to send 25 e-mails. Past the limit the page is the same (it must not
    reveal whether the account exists) but nothing more is sent."""
    user = role_users["participant"]
    ContactDetails.objects.create(person=user.person, email="p1@example.org")
    url = reverse("accounts:link_request")
    with django_capture_on_commit_callbacks(execute=True):
        pages = [client.post(url, {"identifier": "p1@example.org"}) for _ in range(25)]
    assert len(mail.outbox) == settings.LOGIN_LINK_LIMIT
    assert {r.status_code for r in pages} == {200}
    assert {tuple(t.name for t in r.templates) for r in pages} == {
        tuple(t.name for t in pages[0].templates)
    }
    # per client address: other identifiers from the same address are limited too
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(settings.LOGIN_LINK_LIMIT_PER_ADDRESS):
            client.post(url, {"identifier": f"nobody{i}"})
        client.post(url, {"identifier": "P1@example.org "}, REMOTE_ADDR="127.0.0.1")
    assert mail.outbox == []
    # another client address is counted apart (the user name p1 is its own identifier)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"identifier": "p1"}, REMOTE_ADDR="10.9.9.9")
    assert len(mail.outbox) == 1


def test_no_login_link_for_a_locked_out_address(
    client, role_users, settings, django_capture_on_commit_callbacks
):
    settings.AXES_FAILURE_LIMIT = 3
    user = role_users["participant"]
    ContactDetails.objects.create(person=user.person, email="p1@example.org")
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "p1", "password": "wrong"})
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("accounts:link_request"), {"identifier": "p1@example.org"})
    assert r.status_code in (200, 429) and mail.outbox == []

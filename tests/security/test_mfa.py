"""Second factor: coordinators and admins must enrol, and give a code after the password."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from tallytale.accounts import mfa
from tallytale.accounts.models import MfaDevice, RecoveryCode
from tallytale.core import totp
from tests.passwords import with_password

GOOD = "a long enough pass phrase"


@pytest.fixture
def enforced(settings):
    settings.MFA_ENFORCED = True


def _password(user):
    with_password(user, GOOD)


def _sign_in(client, username):
    r = client.post(reverse("accounts:login"), {"username": username, "password": GOOD})
    assert r.status_code == 302
    return r


def _enrol(user) -> tuple[str, list[str]]:
    dev = mfa.start_enrolment(user)
    codes = mfa.confirm_enrolment(user, totp.code_at(dev.secret, time.time() - 30))
    return dev.secret, codes


def test_coordinator_without_mfa_is_sent_to_enrolment_first(client, role_users, enforced):
    coord = role_users["coordinator"]
    _password(coord)
    _sign_in(client, "c1")
    r = client.get(reverse("web:me"))
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:mfa_enrol"))
    assert client.get(reverse("accounts:tokens")).url.startswith(reverse("accounts:mfa_enrol"))
    # the enrolment page shows the secret as text and as an otpauth URI
    r = client.get(r.url)
    assert r.status_code == 200
    secret = r.context["secret"]
    assert (
        secret in r.content.decode()
        and "otpauth://totp/Tallytale%3Ac1?secret=" in r.content.decode()
    )
    r = client.post(reverse("accounts:mfa_enrol"), {"code": "000000"})
    assert r.status_code == 400
    r = client.post(
        reverse("accounts:mfa_enrol"), {"code": totp.code_at(secret, time.time()), "next": "/me/"}
    )
    assert r.status_code == 200 and len(r.context["codes"]) == 10
    # recovery codes are stored hashed
    stored = set(RecoveryCode.objects.filter(user=coord).values_list("code_hash", flat=True))
    assert not stored & set(r.context["codes"])
    assert client.get(reverse("web:me")).status_code == 200


def test_sign_out_stays_open_before_enrolment(client, role_users, enforced):
    _password(role_users["admin"])
    _sign_in(client, "a1")
    r = client.post(reverse("accounts:logout"))
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_participant_is_not_asked_for_a_code(client, role_users, enforced):
    _password(role_users["participant"])
    _sign_in(client, "p1")
    assert client.get(reverse("web:me")).status_code == 200


def test_enrolled_user_gives_a_code_after_the_password(client, role_users, enforced):
    coord = role_users["coordinator"]
    _password(coord)
    secret, codes = _enrol(coord)
    r = _sign_in(client, "c1")
    r = client.get(reverse("web:me"))
    assert r.url.startswith(reverse("accounts:mfa_verify"))
    assert client.post(reverse("accounts:mfa_verify"), {"code": "123456"}).status_code == 400
    key_before = client.session.session_key
    code = totp.code_at(secret, time.time())
    r = client.post(reverse("accounts:mfa_verify"), {"code": code, "next": "/me/"})
    assert r.status_code == 302 and r.url == "/me/"
    assert client.session.session_key != key_before  # a new session key after the factor
    assert client.get(reverse("web:me")).status_code == 200
    # the same code cannot be used again, even in a new sign-in
    client.post(reverse("accounts:logout"))
    _sign_in(client, "c1")
    assert client.post(reverse("accounts:mfa_verify"), {"code": code}).status_code == 400
    # a recovery code works once
    r = client.post(reverse("accounts:mfa_verify"), {"code": codes[0].upper()})
    assert r.status_code == 302
    assert not mfa.check_code(coord, codes[0])


def test_participant_who_enrolled_is_asked_too(client, role_users, enforced):
    user = role_users["participant"]
    _password(user)
    _enrol(user)
    _sign_in(client, "p1")
    assert client.get(reverse("web:me")).url.startswith(reverse("accounts:mfa_verify"))


def test_wrong_codes_lock_the_second_factor(role_users):
    user = role_users["coordinator"]
    secret, codes = _enrol(user)
    for _ in range(mfa.MAX_FAILURES):
        assert not mfa.check_code(user, "000000")
    assert not mfa.check_code(user, totp.code_at(secret, time.time() + 30))
    assert not mfa.check_code(user, codes[1])


def test_reset_removes_the_device(role_users):
    user = role_users["coordinator"]
    _enrol(user)
    mfa.reset(user, actor=role_users["admin"])
    assert not MfaDevice.objects.filter(user=user).exists()
    assert mfa.recovery_codes_left(user) == 0


def test_security_page_makes_new_recovery_codes(client, role_users):
    user = role_users["participant"]
    _enrol(user)
    client.force_login(user)
    r = client.post(reverse("accounts:security"), {"action": "recovery_codes"})
    assert r.status_code == 200 and len(r.context["codes"]) == 10
    assert mfa.recovery_codes_left(user) == 10

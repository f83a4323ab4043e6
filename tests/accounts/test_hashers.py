"""Passwords are hashed with Argon2id at OWASP's minimum, and hashes made with Django's
heavier defaults still verify and are upgraded on the next sign-in."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    check_password,
    identify_hasher,
    make_password,
)

from tallytale.accounts.hashers import OwaspArgon2PasswordHasher

PASSWORD = "correct horse battery staple 42"


def test_new_hashes_use_owasp_minimum_parameters():
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert isinstance(identify_hasher(encoded), OwaspArgon2PasswordHasher)
    assert check_password(PASSWORD, encoded) and not check_password("wrong", encoded)


def test_a_hash_with_djangos_default_parameters_verifies_and_is_upgraded():
    old = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    assert "m=102400,t=2,p=8" in old
    upgraded: list[str] = []
    assert check_password(PASSWORD, old, setter=lambda raw: upgraded.append(make_password(raw)))
    assert upgraded and "m=19456,t=2,p=1" in upgraded[0]


@pytest.mark.django_db
def test_signing_in_upgrades_the_stored_hash(client):
    from django.contrib.auth.models import User

    user = User.objects.create(username="old-hash")
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save(update_fields=["password"])
    assert client.login(username="old-hash", password=PASSWORD)
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password

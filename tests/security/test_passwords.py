"""Passwords: 12+ characters and not on the shipped list of common and breached passwords."""

from __future__ import annotations

import gzip

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tallytale.accounts.passwords import DEFAULT_LIST, CommonAndBreachedPasswordValidator


def test_the_shipped_list_includes_djangos_and_long_common_passwords():
    words = set(gzip.decompress(DEFAULT_LIST.read_bytes()).decode().split("\n"))
    assert len(words) > 40000
    assert {"password", "123456", "iloveyou"} <= words  # from Django's list
    assert {"password1234", "qwertyuiop123", "liverpool2024", "1q2w3e4r5t6y"} <= words


@pytest.mark.parametrize(
    "password",
    ["Password1234", "qwertyuiop123", "Liverpool2024!", "1qaz2wsx3edc", "iloveyouiloveyou"],
)
def test_long_common_passwords_are_refused(password):
    with pytest.raises(ValidationError, match="too common"):
        validate_password(password)


@pytest.mark.parametrize("password", ["short", "123456789012345"])
def test_short_and_numeric_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_passphrase_is_accepted():
    validate_password("correct horse battery staple")


def test_settings_use_the_shipped_list():
    from django.contrib.auth.password_validation import get_default_password_validators

    kinds = [type(v) for v in get_default_password_validators()]
    assert CommonAndBreachedPasswordValidator in kinds
    assert all(k.__name__ != "CommonPasswordValidator" for k in kinds)

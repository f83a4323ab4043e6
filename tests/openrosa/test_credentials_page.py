"""The coordinator's app-credentials page: create (password shown once, with the settings
ODK Collect reads), list, revoke; other roles are refused."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from tallytale.audit.models import AuditEvent
from tallytale.openrosa.models import AppCredential

from .conftest import basic

pytestmark = pytest.mark.django_db
URL = "/openrosa/cwm/credentials/"


def test_a_coordinator_creates_a_credential_that_works_and_is_shown_once(client, role_users):
    client.force_login(role_users["coordinator"])
    r = client.post(URL, {"person": "R1", "role": "", "label": "blue phone"})
    assert r.status_code == 200
    assert r["Cache-Control"] == "no-store"
    made = AppCredential.objects.get()
    assert made.role == "researcher" and made.label == "blue phone"
    password = r.context["password"]
    assert password in r.content.decode()
    assert made.secret_digest != password and password not in made.secret_digest
    # the QR payload is the settings JSON ODK Collect reads, zlib-compressed and base64
    settings = json.loads(zlib.decompress(base64.b64decode(r.context["qr_payload"])))
    assert settings["general"] == {
        "server_url": "http://testserver/openrosa/cwm",
        "username": made.username,
        "password": password,
    }
    assert (
        client.get(settings["general"]["server_url"], **basic(made.username, password)).status_code
        == 200
    )
    again = client.get(URL)
    assert made.username in again.content.decode()
    assert password not in again.content.decode()
    assert AuditEvent.objects.filter(action="openrosa.credential_create").count() == 1


def test_revoking_stops_the_credential(client, role_users):
    client.force_login(role_users["coordinator"])
    r = client.post(URL, {"person": "R1"})
    made = AppCredential.objects.get()
    auth = basic(made.username, r.context["password"])
    assert client.get("/openrosa/cwm/formList", **auth).status_code == 200
    assert client.post(f"/openrosa/cwm/credentials/{made.pk}/revoke").status_code == 302
    assert client.get("/openrosa/cwm/formList", **auth).status_code == 401
    assert AuditEvent.objects.filter(action="openrosa.credential_revoke").count() == 1


def test_bad_input_is_a_one_line_error_on_the_page(client, role_users):
    client.force_login(role_users["coordinator"])
    r = client.post(URL, {"person": "T1"})  # a member of another project
    assert r.status_code == 200
    assert "no member 'T1'" in r.context["error"]
    r = client.post(URL, {"person": "M1"})  # a member without an account
    assert "no Tallytale account" in r.context["error"]
    assert AppCredential.objects.count() == 0


@pytest.mark.parametrize("role", ["participant", "researcher", "evaluator", "outsider"])
def test_only_people_managers_reach_the_page(client, role_users, role):
    client.force_login(role_users[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"person": "P1"}).status_code == 403
    assert AppCredential.objects.count() == 0


def test_the_page_is_translated(client, role_users):
    client.force_login(role_users["coordinator"])
    r = client.get(URL, HTTP_ACCEPT_LANGUAGE="cy")
    assert "Manylion ap ar gyfer ODK Collect" in r.content.decode()

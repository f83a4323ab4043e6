"""A project (cwm) with a SWEMWBS form a collector fills for participants, a story prompt
and signifiers, and app credentials for a researcher and a participant."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path

import pytest

from tallytale.openrosa import services
from tallytale.programmes.permissions import Actor
from tallytale.stories import setup
from tallytale.surveys import services as surveys
from tests.accounts.roles import cwm, role_users  # noqa: F401 - fixtures

FORM = Path(__file__).with_name("swemwbs_collect.md")


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def forms(cwm):  # noqa: F811
    survey = surveys.import_instrument(FORM, "cwm").instrument
    setup.add_prompt(cwm, "Tell us about a time the garden helped you.")
    setup.define_signifier(cwm, "feeling", "How did it feel?", "choice", ["Good", "Mixed", "Bad"])
    setup.define_signifier(cwm, "strength", "How strong?", "scale")
    return survey


def basic(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.fixture
def researcher(cwm, role_users, forms):  # noqa: F811
    credential, password = services.create_credential(cwm, "R1", actor=Actor.cli())
    return credential, basic(credential.username, password)


@pytest.fixture
def participant(cwm, role_users, forms):  # noqa: F811
    credential, password = services.create_credential(cwm, "P1", actor=Actor.cli())
    return credential, basic(credential.username, password)


def instance(form_id: str, version: str, fields: dict[str, str], iid: str = "") -> bytes:
    """An instance document as ODK Collect writes it."""
    iid = iid or f"uuid:{uuid.uuid4()}"
    body = "".join(f"<{k}>{v}</{k}>" for k, v in fields.items())
    return (
        f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" '
        f'xmlns:orx="http://openrosa.org/xforms" id="{form_id}" version="{version}">{body}'
        f"<meta><instanceID>{iid}</instanceID></meta></data>"
    ).encode()


def answers(code: str = "P1", value: str = "4") -> dict[str, str]:
    return {"participant_code": code, **{f"swemwbs_{i}": value for i in range(1, 8)}}

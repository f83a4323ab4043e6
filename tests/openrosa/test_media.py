"""Form media: `tallytale import form-media` keeps the images a form names, and ODK
Collect finds them through the form list's manifestUrl and the manifest's md5 hashes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from django.core.management import call_command

from tallytale.errors import InvalidInput
from tallytale.programmes.permissions import Actor
from tallytale.surveys import services as surveys

from .test_protocol import NS, form_list

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MF = "{http://openrosa.org/xforms/xformsManifest}"


@pytest.fixture
def garden(cwm):
    return surveys.import_instrument(Path(__file__).with_name("garden_form.md"), "cwm").instrument


def test_media_reach_collect_with_their_hashes(client, researcher, garden, tmp_path):
    image = tmp_path / "garden.png"
    image.write_bytes(PNG)
    call_command("import", "form-media", str(image), "--instrument", "garden", "--project", "cwm")
    listed = {f["formID"]: f for f in form_list(client, researcher[1])}
    assert "manifestUrl" not in listed["swemwbs_collect"]  # no media, no manifest
    manifest = client.get(listed["garden"]["manifestUrl"], **researcher[1])
    assert manifest.status_code == 200
    files = fromstring(manifest.content).findall(f"{MF}mediaFile")
    assert [f.find(f"{MF}filename").text for f in files] == ["garden.png"]
    assert files[0].find(f"{MF}hash").text == "md5:" + hashlib.md5(PNG).hexdigest()
    got = client.get(files[0].find(f"{MF}downloadUrl").text, **researcher[1])
    assert got.status_code == 200 and got["Content-Type"] == "image/png"
    assert b"".join(got.streaming_content) == PNG
    assert got["X-OpenRosa-Version"] == "1.0"


def test_a_file_the_form_does_not_use_or_that_is_not_media_is_refused(garden, tmp_path):
    other = tmp_path / "other.png"
    other.write_bytes(PNG)
    with pytest.raises(InvalidInput, match="does not use"):
        surveys.add_form_media(garden, other, actor=Actor.cli())
    fake = tmp_path / "garden.png"
    fake.write_bytes(b"MZ\x90\x00 an executable")
    with pytest.raises(InvalidInput, match="not a PNG"):
        surveys.add_form_media(garden, fake, actor=Actor.cli())


def test_media_are_not_served_to_another_project_or_by_another_name(
    client, researcher, garden, tmp_path
):
    image = tmp_path / "garden.png"
    image.write_bytes(PNG)
    surveys.add_form_media(garden, image, actor=Actor.cli())
    url = "/openrosa/{}/forms/garden/media/{}"
    assert client.get(url.format("town", "garden.png"), **researcher[1]).status_code == 401
    r = client.get(url.format("cwm", "x.png"), **researcher[1])
    assert r.status_code == 404
    assert "x.png" in fromstring(r.content).find("r:message", NS).text


def test_only_survey_managers_add_media(garden, role_users, tmp_path):
    from django.core.exceptions import PermissionDenied

    image = tmp_path / "garden.png"
    image.write_bytes(PNG)
    with pytest.raises(PermissionDenied):
        surveys.add_form_media(garden, image, actor=Actor("web:r1", role_users["researcher"]))

"""Instruments on the web: upload an XLSForm (problems by sheet and row), see its
questions, open a wave; the waves page no longer sends people to a command that does
not exist."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tallytale.surveys.models import Instrument, Wave
from tests.surveys.forms import write_xlsform

pytestmark = pytest.mark.django_db

LIST = reverse("web:instruments", args=["cwm"])


@pytest.fixture
def coord(client, site):
    client.force_login(site["users"]["coordinator"])
    return client


def upload(path):
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_upload_an_xlsform_and_see_its_questions(coord, tmp_path):
    path = write_xlsform(
        tmp_path / "club.xlsx",
        [["type", "name", "label", "required"],
         ["integer", "age", "How old are you?", "yes"],
         ["select_one yn", "again", "Would you come again?", ""]],
        [["list_name", "name", "label"], ["yn", "y", "Yes"], ["yn", "n", "No"]],
        [["form_id", "form_title", "version"], ["club", "Lunch club", "1"]],
    )  # fmt: skip
    r = coord.post(LIST, {"form": upload(path)})
    inst = Instrument.objects.get(form_id="club", project__slug="cwm")
    assert r.status_code == 302 and r["Location"] == reverse(
        "web:instrument", args=["cwm", inst.pk]
    )
    page = coord.get(r["Location"]).content.decode()
    assert "Lunch club" in page and "How old are you?" in page
    assert "Would you come again?" in page
    assert "<td>one choice <code>select one</code></td>" in page
    assert "<td>whole number <code>integer</code></td>" in page


@pytest.mark.parametrize(
    ("lang", "words"),
    [("cy", ["un dewis", "nodyn (dim ateb)"]), ("ar", ["اختيار واحد", "ملاحظة (بلا إجابة)"])],
)  # fmt: skip
def test_question_types_are_named_in_the_readers_language(coord, site, lang, words):
    """The XLSForm type words (select one, note) read in Welsh or Arabic; the raw
    type stays beside them in <code> for the researcher who writes XLSForms."""
    url = reverse("web:instrument", args=["cwm", site["instrument"].pk])
    page = coord.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    for word in words:
        assert word in page
    assert "<code>select one</code>" in page and "<code>note</code>" in page
    assert "one choice" not in page


@pytest.mark.parametrize(
    "survey,where",
    [
        ([["type", "name", "label"], ["integer", "q", "Q"], ["integer", "q", "Q2"]],
         "sheet &#x27;survey&#x27;, row 3, column &#x27;name&#x27;"),
        ([["type", "name", "label"], ["blah", "q", "Q"]],
         "sheet &#x27;survey&#x27;, row 2, column &#x27;type&#x27;"),
    ],
)  # fmt: skip
def test_a_bad_form_is_a_400_naming_sheet_and_row(coord, tmp_path, survey, where):
    path = write_xlsform(tmp_path / "bad.xlsx", survey)
    r = coord.post(LIST, {"form": upload(path)})
    assert r.status_code == 400 and where in r.content.decode()
    assert not Instrument.objects.filter(form_id="bad").exists()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("notes.txt", b"hello", "expected an XLSForm"),
        ("fake.xlsx", b"not a zip", "not a valid .xlsx"),
    ],
)
def test_not_a_form_is_a_400(coord, name, content, message):
    r = coord.post(LIST, {"form": SimpleUploadedFile(name, content)})
    assert r.status_code == 400 and message in r.content.decode()


def test_no_file_is_a_400(coord):
    r = coord.post(LIST, {})
    assert r.status_code == 400 and "form: choose an XLSForm" in r.content.decode()


def test_another_projects_instrument_is_404(coord, site):
    from tallytale.surveys import services

    other = services.install_builtin("ons4", "town").instrument
    assert coord.get(reverse("web:instrument", args=["cwm", other.pk])).status_code == 404


def test_open_a_wave_from_the_instrument_page(coord, site):
    page = coord.get(reverse("web:instrument", args=["cwm", site["instrument"].pk]))
    assert reverse("web:waves", args=["cwm"]) in page.content.decode()
    coord.post(reverse("web:waves", args=["cwm"]), {"name": "six-months", "label": "6 months"})
    assert Wave.objects.filter(project__slug="cwm", name="six-months").exists()


def test_waves_page_no_longer_names_a_command_that_does_not_exist(coord):
    page = coord.get(reverse("web:waves", args=["cwm"])).content.decode()
    assert "tallytale import instrument" not in page
    assert LIST in page

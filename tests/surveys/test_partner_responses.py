"""Partner organisations as respondents: a response belongs to a person or to a partner
organisation of the project (answered by a named contact), on every path."""

import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from tallytale.errors import InvalidInput
from tallytale.programmes.models import Organisation, Person
from tallytale.surveys import responses, services
from tallytale.surveys.models import Answer, Response

from .test_web import login

pytestmark = pytest.mark.django_db

ITEMS = ("tc_partner_access", "tc_partner_volunteers", "tc_partner_reach", "tc_partner_resources")
HEADER = [
    "_uuid",
    "_submission_time",
    "organisation",
    "contact_name",
    *[f"since_partner/{i}" for i in ITEMS],
]


@pytest.fixture
def partner_form(scheme):
    services.create_wave("cwm", "baseline")
    services.create_wave("cwm", "12-months")
    return services.install_builtin("time_credit_partner", "cwm").instrument


def _csv(path, rows, header=HEADER):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(header)
        w.writerows(rows)
    return path


def _import(path):
    call_command(
        "import", "responses", str(path), "--instrument", "time_credit_partner",
        "--project", "cwm", "--wave", "12-months",
    )  # fmt: skip


def test_kobo_import_with_organisation_column_creates_partner_responses(partner_form, tmp_path):
    path = _csv(
        tmp_path / "kobo.csv",
        [
            ["u-1", "2025-06-01T10:00:00", "library", "Centre manager", "4", "5", "3", "4"],
            ["u-2", "2025-06-02T10:00:00", "cafe", "Chair of trustees", "2", "3", "4", "1"],
        ],
    )
    _import(path)
    r = Response.objects.get(submission_id="u-1")
    assert r.organisation.slug == "library" and r.person is None
    assert r.contact_name == "Centre manager" and r.wave.name == "12-months"
    assert r.data["since_partner/tc_partner_access"] == "4"
    assert r.scores["tc_partner_access_score"] == 4.0
    assert Answer.objects.filter(response=r).count() == 4
    assert Response.objects.get(submission_id="u-2").organisation.slug == "cafe"
    _import(path)  # idempotent by submission id
    assert Response.objects.count() == 2
    # the FHIR export names the organisation as the subject, never an empty participant
    from tallytale.surveys.fhir import bundle

    spec = services.spec_for(partner_form)
    subjects = [
        e["resource"]["subject"]["identifier"] for e in bundle(partner_form, spec)["entry"][1:]
    ]
    assert [s["value"] for s in subjects] == ["library", "cafe"]
    assert all(s["system"].endswith("/partner/cwm") for s in subjects)


def test_unknown_or_other_projects_partner_refused_naming_the_row(partner_form, tmp_path, capsys):
    path = _csv(
        tmp_path / "bad.csv",
        [
            ["u-1", "", "library", "Manager", "4", "4", "4", "4"],
            ["u-2", "", "nowhere", "Manager", "4", "4", "4", "4"],
            ["u-3", "", "cinema", "Manager", "4", "4", "4", "4"],  # town's partner
        ],
    )
    with pytest.raises(CommandError):
        _import(path)
    text = capsys.readouterr().err
    assert "line 3, field organisation: 'nowhere' is not a partner of cwm" in text
    assert "line 4, field organisation: 'cinema' is not a partner of cwm" in text
    assert "line 2," not in text
    assert Response.objects.count() == 0  # all or nothing


def test_a_row_names_a_participant_or_an_organisation_not_both(partner_form, tmp_path, capsys):
    header = ["_uuid", "participant_code", *HEADER[2:]]
    path = _csv(
        tmp_path / "both.csv",
        [
            ["u-1", "M1", "library", "Manager", "4", "4", "4", "4"],
            ["u-2", "M2", "", "", "4", "4", "4", "4"],
            ["u-3", "", "", "", "4", "4", "4", "4"],
        ],
        header,
    )
    with pytest.raises(CommandError):
        _import(path)
    text = capsys.readouterr().err
    assert "line 2, field organisation: a row is answered by a participant or by a partner" in text
    assert "line 4, field participant code (or organisation): is empty" in text
    assert "line 3," not in text


def test_database_refuses_a_response_with_no_or_two_respondents(partner_form):
    base = {"instrument": partner_form, "project_id": partner_form.project_id, "data": {}}
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(submission_id="none", **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(
            submission_id="both",
            person=Person.objects.get(code="M1"),
            organisation=Organisation.objects.get(slug="library"),
            **base,
        )
    Response.objects.create(
        submission_id="org", organisation=Organisation.objects.get(slug="library"), **base
    )


def _answers(value="4"):
    return {f"since_partner/{i}": value for i in ITEMS}


def test_submit_response_for_an_organisation(partner_form):
    library = Organisation.objects.get(slug="library")
    r = responses.submit_response(
        partner_form, _answers(), organisation=library, contact_name="  Volunteer   lead ",
        wave="baseline",
    )  # fmt: skip
    r.refresh_from_db()
    assert r.organisation == library and r.person is None and r.contact_name == "Volunteer lead"
    with pytest.raises(InvalidInput, match="contact name"):
        responses.submit_response(partner_form, _answers(), organisation=library)
    with pytest.raises(InvalidInput, match="cinema is not a partner of cwm"):
        responses.submit_response(
            partner_form, _answers(), organisation=Organisation.objects.get(slug="cinema"),
            contact_name="Manager",
        )  # fmt: skip
    with pytest.raises(InvalidInput, match="one of them"):
        responses.submit_response(
            partner_form, _answers(), person=Person.objects.get(code="M1"), organisation=library,
            contact_name="Manager",
        )  # fmt: skip
    with pytest.raises(InvalidInput, match="one of them"):
        responses.submit_response(partner_form, _answers())
    assert Response.objects.count() == 1


def test_researcher_enters_a_partners_answers_on_the_web(client, partner_form, people_cwm):
    researcher = login(client, "R1")
    url = f"/surveys/{partner_form.pk}/respond/"
    page = client.get(url).content.decode()
    assert 'name="organisation"' in page and 'for="f-contact"' in page
    welsh = client.get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Sefydliad partner" in welsh and "Y cyswllt a atebodd" in welsh
    form = {f"q:since_partner/{i}": "4" for i in ITEMS} | {"wave": "12-months"}
    other = client.post(url, {**form, "organisation": "cinema", "contact_name": "Manager"})
    assert other.status_code == 400
    assert "No partner organisation with that name in this project." in other.content.decode()
    nameless = client.post(url, {**form, "organisation": "pool"})
    assert nameless.status_code == 400
    assert "Name the contact who answered" in nameless.content.decode()
    ok = client.post(url, {**form, "organisation": "pool", "contact_name": "Duty manager"})
    assert ok.status_code == 302
    r = Response.objects.get()
    assert r.organisation.slug == "pool" and r.contact_name == "Duty manager"
    assert r.person is None and r.entered_by == researcher


def test_a_participant_cannot_answer_for_an_organisation(client, partner_form):
    login(client, "M1")
    url = f"/surveys/{partner_form.pk}/respond/"
    assert 'name="organisation"' not in client.get(url).content.decode()
    form = {f"q:since_partner/{i}": "4" for i in ITEMS} | {"wave": "12-months"}
    bad = client.post(url, {**form, "organisation": "pool", "contact_name": "Me"})
    assert bad.status_code == 400
    assert Response.objects.count() == 0


def test_capacity_self_assessment_is_built_in_english_and_welsh(scheme):
    s = services.install_builtin("org_capacity", "cwm")
    names = [q.name for q in s.instrument.questions.all() if q.type == "select one"]
    assert names == [
        "cap_governance", "cap_volunteers", "cap_partnerships", "cap_evidence",
        "cap_sustainability",
    ]  # fmt: skip
    gov = s.instrument.questions.get(name="cap_governance")
    assert set(gov.label) == set(gov.hint) == {"English (en)", "Cymraeg (cy)"}
    assert "1: No agreed way" in gov.hint["English (en)"]
    levels = s.instrument.choices.filter(list_name="level").values_list("name", flat=True)
    assert list(levels) == ["1", "2", "3", "4", "5"]

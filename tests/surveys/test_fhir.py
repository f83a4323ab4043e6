"""SWEMWBS and ONS4 as FHIR R4 Questionnaire and QuestionnaireResponse resources,
validated with the fhir.resources models (issue 18)."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from tallytale.programmes.models import Person
from tallytale.surveys import fhir, services
from tallytale.surveys.responses import submit_response

pytestmark = pytest.mark.django_db
models = pytest.importorskip("fhir.resources.R4B.bundle")  # the test extra installs it


@pytest.fixture
def answered(scheme):
    services.create_wave("cwm", "baseline", label="Baseline")
    swemwbs = services.install_builtin("swemwbs", "cwm").instrument
    ons4 = services.install_builtin("ons4", "cwm").instrument
    m1, m2 = Person.objects.get(code="M1"), Person.objects.get(code="M2")
    submit_response(swemwbs, {f"swemwbs_{i}": "4" for i in range(1, 8)}, person=m1,
                    wave="baseline", submission_id="s-1")  # fmt: skip
    submit_response(swemwbs, {f"swemwbs_{i}": str(1 + i % 5) for i in range(1, 8)}, person=m2,
                    wave="baseline", submission_id="s-2")  # fmt: skip
    submit_response(ons4, {"ons4_life": "7", "ons4_worthwhile": "8", "ons4_happy": "6",
                           "ons4_anxious": "2"}, person=m1, wave="baseline",
                    submission_id="o-1")  # fmt: skip
    return swemwbs, ons4


def _validated(instrument) -> dict:
    data = fhir.bundle(instrument, services.spec_for(instrument))
    models.Bundle.model_validate(data)  # raises on anything R4 does not allow
    return data


def test_swemwbs_questionnaire_uses_loinc_answers_and_scores(answered):
    swemwbs, _ = answered
    data = _validated(swemwbs)
    q = data["entry"][0]["resource"]
    assert q["resourceType"] == "Questionnaire" and q["url"].endswith("/Questionnaire/swemwbs")
    items = {i["linkId"]: i for i in q["item"]}
    assert items["swemwbs_intro"]["type"] == "display"
    item = items["swemwbs_1"]
    assert item["type"] == "choice" and item["required"] is True
    codings = [o["valueCoding"] for o in item["answerOption"]]
    assert [c["code"] for c in codings] == [
        "LA6297-1", "LA10066-1", "LA14733-2", "LA10044-8", "LA6154-4"
    ]  # fmt: skip
    assert {c["system"] for c in codings} == {"http://loinc.org"}
    assert [c["extension"][0]["valueDecimal"] for c in codings] == [1, 2, 3, 4, 5]
    welsh = item["_text"]["extension"][0]["extension"]
    assert welsh == [{"url": "lang", "valueCode": "cy"},
                     {"url": "content", "valueString": "Rydw i wedi bod yn teimlo'n optimistaidd am y dyfodol"}]  # fmt: skip


def test_responses_carry_the_answers_and_only_the_pseudonymous_code(answered):
    swemwbs, _ = answered
    data = _validated(swemwbs)
    responses = [e["resource"] for e in data["entry"][1:]]
    assert [r["id"] for r in responses] == ["s-1", "s-2"]
    first = responses[0]
    assert first["status"] == "completed"
    assert first["questionnaire"].endswith("/Questionnaire/swemwbs|1")
    assert first["subject"]["identifier"]["value"] == "M1"
    assert "reference" not in first["subject"]
    answer = {i["linkId"]: i["answer"][0]["valueCoding"] for i in first["item"]}
    assert answer["swemwbs_1"]["code"] == "LA10044-8" and answer["swemwbs_1"]["display"] == "Often"
    assert len(first["item"]) == 7


def test_ons4_has_canonical_codes_and_validates(answered, tmp_path):
    _, ons4 = answered
    data = _validated(ons4)
    q = data["entry"][0]["resource"]
    life = next(i for i in q["item"] if i["linkId"] == "ons4_life")
    coding = life["answerOption"][7]["valueCoding"]
    assert coding["system"].endswith("/CodeSystem/ons4-zero_ten") and coding["code"] == "7"
    resp = data["entry"][1]["resource"]
    assert {i["linkId"]: i["answer"][0]["valueCoding"]["code"] for i in resp["item"]} == {
        "ons4_life": "7", "ons4_worthwhile": "8", "ons4_happy": "6", "ons4_anxious": "2"
    }  # fmt: skip
    out = tmp_path / "ons4.fhir.json"
    call_command("export", "responses", "--instrument", "ons4", "--format", "fhir", "-o", out)
    models.Bundle.model_validate(json.loads(out.read_text(encoding="utf-8")))

"""Survey instruments and responses as HL7 FHIR R4 `Questionnaire` and
`QuestionnaireResponse` resources, in one `Bundle` (type `collection`), so programmes can
hand SWEMWBS and ONS4 answers to patient-reported-outcome systems (e.g. NHS Wales').

Codes: no LOINC or SNOMED CT code exists for SWEMWBS, its items, ONS4 or its items (looked
up; none found), so the questionnaires, items and answer lists are named by canonical URLs
under `settings.FHIR_BASE` (environment `TALLYTALE_FHIR_BASE`; set it to the address your
partners resolve). SWEMWBS's five frequency answers do have LOINC answer codes, and use
them: None of the time LA6297-1, Rarely LA10066-1, Some of the time LA14733-2, Often
LA10044-8, All of the time LA6154-4 (LOINC answer list LL5264-8 and the PROMIS short
forms). Each answer option carries its score as the R4 `ordinalValue` extension, Welsh
labels the `translation` extension.

Participants are named by their pseudonymous code only (an `identifier` in the project's
own system), never by contact details or an NHS number: linking is the receiving system's
job, under its own agreement. Validated in the tests with the `fhir.resources` R4B models
(R4B is R4's technical correction; Questionnaire and QuestionnaireResponse are the same).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings

from .models import Instrument, Response
from .spec import FormSpec, QuestionSpec

LOINC = "http://loinc.org"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
#: SWEMWBS's answers (English labels, as in the built-in form) -> LOINC answer codes
LOINC_ANSWERS = {
    "None of the time": "LA6297-1",
    "Rarely": "LA10066-1",
    "Some of the time": "LA14733-2",
    "Often": "LA10044-8",
    "All of the time": "LA6154-4",
}
ITEM_TYPES = {
    "integer": "integer",
    "decimal": "decimal",
    "range": "decimal",
    "date": "date",
    "datetime": "dateTime",
    "time": "time",
    "select_one": "choice",
    "select_multiple": "choice",
    "note": "display",
    "acknowledge": "boolean",
    "text": "string",
    "geopoint": "string",
}


def base_url() -> str:
    return getattr(settings, "FHIR_BASE", "https://tallytale.invalid/fhir").rstrip("/")


def _lang_code(language: str) -> str:
    """`Cymraeg (cy)` -> `cy` (XLSForm language names carry the code in brackets)."""
    if "(" in language and language.endswith(")"):
        return language.rsplit("(", 1)[1][:-1].strip()
    return language


def _text(labels: dict[str, str], spec: FormSpec) -> tuple[str, dict[str, Any] | None]:
    """The default-language text and a `_text` element with the other languages."""
    default = spec.default_language
    text = labels.get(default) or next(iter(labels.values()), "")
    others = [
        {
            "url": TRANSLATION,
            "extension": [
                {"url": "lang", "valueCode": _lang_code(lang)},
                {"url": "content", "valueString": value},
            ],
        }
        for lang, value in labels.items()
        if lang != default and value and lang != "default"
    ]
    return text, ({"extension": others} if others else None)


def _coding(instrument: Instrument, q: QuestionSpec, name: str, display: str) -> dict[str, str]:
    loinc = LOINC_ANSWERS.get(display) if q.name.startswith("swemwbs_") else None
    if loinc:
        return {"system": LOINC, "code": loinc, "display": display}
    return {
        "system": f"{base_url()}/CodeSystem/{instrument.form_id}-{q.list_name}",
        "code": name,
        "display": display,
    }


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _items_of(spec: FormSpec) -> list[QuestionSpec]:
    """Questions that become items: top-level answers and notes of a type FHIR has (form
    metadata such as `start`, calculations, repeats and the participant code are not)."""
    return [
        q
        for q in spec.questions
        if not q.repeat_path and q.type in ITEM_TYPES and q.name.lower() != "participant_code"
    ]


def questionnaire(instrument: Instrument, spec: FormSpec) -> dict[str, Any]:
    """The instrument as a FHIR R4 Questionnaire (top-level questions; repeats left out)."""
    items = []
    for q in _items_of(spec):
        text, text_ext = _text(q.label, spec)
        item: dict[str, Any] = {
            "linkId": q.path,
            "text": text or q.name,
            "type": ITEM_TYPES[q.type],
        }
        if text_ext:
            item["_text"] = text_ext
        if q.required and item["type"] != "display":
            item["required"] = True
        if q.type == "select_multiple":
            item["repeats"] = True
        if q.type.startswith("select"):
            options = []
            for name, labels, _ in q.choices:
                display, _ext = _text(labels, spec)
                coding = _coding(instrument, q, name, display)
                score = _number(name)
                if score is not None:
                    coding["extension"] = [{"url": ORDINAL, "valueDecimal": score}]
                options.append({"valueCoding": coding})
            item["answerOption"] = options
        items.append(item)
    return {
        "resourceType": "Questionnaire",
        "id": f"{instrument.form_id}-{instrument.version or '1'}".replace("_", "-")[:64],
        "url": f"{base_url()}/Questionnaire/{instrument.form_id}",
        "version": instrument.version or "1",
        "name": "".join(p.capitalize() for p in instrument.form_id.split("_"))[:250],
        "title": instrument.title or instrument.form_id,
        "status": "active",
        "language": _lang_code(spec.default_language) or "en",
        "subjectType": ["Patient"],
        "item": items,
    }


def _answers(
    q: QuestionSpec, instrument: Instrument, spec: FormSpec, value: str
) -> list[dict[str, Any]]:
    """FHIR answers for one stored answer (empty if it cannot be typed)."""
    if q.type.startswith("select"):
        labels = {name: lab for name, lab, _ in q.choices}
        out = []
        for token in value.split() if q.type == "select_multiple" else [value]:
            if token in labels:
                display = _text(labels[token], spec)[0]
                coding = _coding(instrument, q, token, display)
                out.append({"valueCoding": coding})
        return out
    try:
        if q.type == "integer":
            return [{"valueInteger": int(float(value))}]
        if q.type in ("decimal", "range"):
            return [{"valueDecimal": float(value)}]
        if q.type == "date":
            return [{"valueDate": dt.date.fromisoformat(value[:10]).isoformat()}]
        if q.type == "datetime":
            when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
            return [{"valueDateTime": when.isoformat()}]
        if q.type == "time":
            return [{"valueTime": value[:8] if len(value) >= 8 else value[:5] + ":00"}]
        if q.type == "acknowledge":
            return [{"valueBoolean": value == "OK"}]
    except ValueError:
        return []
    return [{"valueString": value}]


def questionnaire_response(
    instrument: Instrument, spec: FormSpec, row: dict[str, Any]
) -> dict[str, Any]:
    """One response as a QuestionnaireResponse (answers keyed by the Questionnaire's linkIds)."""
    items = []
    for q in _items_of(spec):
        if q.type == "note":
            continue
        value = row["data"].get(q.path)
        if value in (None, ""):
            continue
        answers = _answers(q, instrument, spec, str(value))
        if answers:
            items.append({"linkId": q.path, "answer": answers})
    out: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": str(row["submission_id"]).replace("_", "-")[:64] or f"r{row['pk']}",
        "questionnaire": f"{base_url()}/Questionnaire/{instrument.form_id}|"
        f"{instrument.version or '1'}",
        "status": "completed",
        "subject": {
            # a partner organisation's response is about the organisation, by its slug
            "identifier": {
                "system": f"{base_url()}/partner/{instrument.project.slug}",
                "value": row["organisation"],
            }
            if row.get("organisation")
            else {
                "system": f"{base_url()}/participant-code/{instrument.project.slug}",
                "value": row["code"],
            }
        },
        "item": items,
    }
    if row["submitted_at"]:
        out["authored"] = row["submitted_at"].astimezone(dt.UTC).isoformat()
    return out


def iter_responses(instrument: Instrument) -> Iterator[dict[str, Any]]:
    qs = (
        Response.objects.filter(instrument=instrument)
        .order_by("id")
        .values("pk", "submission_id", "person__code", "organisation__slug", "submitted_at", "data")
    )
    for r in qs.iterator(chunk_size=2000):
        yield {**r, "code": r["person__code"], "organisation": r["organisation__slug"]}


def bundle(instrument: Instrument, spec: FormSpec) -> dict[str, Any]:
    """The Questionnaire and every response to this version of the form, as a Bundle."""
    entries = [{"resource": questionnaire(instrument, spec)}]
    entries += [
        {"resource": questionnaire_response(instrument, spec, row)}
        for row in iter_responses(instrument)
    ]
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def export_fhir(instrument: Instrument, spec: FormSpec, out: Path) -> int:
    """Write the Bundle as FHIR JSON; returns the number of responses."""
    data = bundle(instrument, spec)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(data["entry"]) - 1

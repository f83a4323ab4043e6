"""A participant's own data, for download (data portability, UK GDPR article 20).

Everything Tallytale holds about the person: their record and their own contact details
(theirs, so included in their own download only), memberships, ledger statement and the
hours they gave, the stories they told (original words: they are the teller's) with their
consent history, and their survey answers. Every download is audited.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from django.utils import timezone

from tallytale.audit.services import record
from tallytale.core.textsafe import spreadsheet_cell
from tallytale.ledger import services as ledger
from tallytale.ledger.models import Contribution
from tallytale.programmes.models import ContactDetails, Membership, Person
from tallytale.stories.models import Story
from tallytale.surveys.models import Response


def personal_data(person: Person) -> dict[str, Any]:
    """Everything about `person`, as plain JSON-able values."""
    contact = ContactDetails.objects.filter(person=person).first()
    stories = (
        Story.objects.filter(teller=person, withdrawn_at__isnull=True)
        .select_related("project")
        .prefetch_related("consents", "answers__signifier")
        .order_by("id")
    )
    responses = (
        Response.objects.filter(person=person)
        .select_related("instrument", "wave", "project")
        .order_by("id")
    )
    return {
        "generated_at": timezone.now().isoformat(),
        "person": {
            "code": person.code,
            "card_code": person.card_code or "",
            "home_project": person.home_project.slug,
            "age_band": person.age_band,
            "gender": person.gender,
            "ethnicity": person.ethnicity,
            "first_language": person.first_language,
            "area": person.area,
            "new_to_volunteering": person.new_to_volunteering,
            "registered_on": person.registered_on.isoformat(),
        },
        "contact_details": {
            "email": contact.email if contact else "",
            "phone": contact.phone if contact else "",
            "address": contact.address if contact else "",
        },
        "memberships": [
            {"project": m.project.slug, "role": m.role, "joined_on": m.joined_on.isoformat()}
            for m in Membership.objects.filter(person=person)
            .select_related("project")
            .order_by("project__slug", "role")
        ],
        "ledger_statement": ledger.statement(person.code)["lines"],
        "hours_given": [
            {
                "day": c.day.isoformat(),
                "partner": c.partner.slug,
                "minutes": c.minutes,
                "activity": c.activity,
            }
            for c in Contribution.objects.filter(person=person)
            .select_related("partner")
            .order_by("day", "id")
        ],
        "stories": [
            {
                "id": s.pk,
                "project": s.project.slug,
                "collected_on": s.collected_on.isoformat() if s.collected_on else "",
                "language": s.language,
                "medium": s.medium,
                "title": s.title,
                "text": s.text,
                "translation": s.translation,
                "transcript": s.transcript,
                "consent": s.consent_level,
                "consent_history": [
                    {
                        "level": c.level,
                        "method": c.method,
                        "at": c.taken_at.isoformat(),
                        "by_teller": c.by_teller,
                    }
                    for c in s.consents.order_by("taken_at", "id")
                ],
                "self_signification": {a.signifier.name: a.value for a in s.answers.all()},
            }
            for s in stories
        ],
        "survey_responses": [
            {
                "id": r.pk,
                "project": r.project.slug,
                "instrument": r.instrument.form_id,
                "version": r.instrument.version,
                "wave": r.wave.name if r.wave else "",
                "submitted_at": r.submitted_at.isoformat() if r.submitted_at else "",
                "answers": r.data,
                "scores": r.scores,
            }
            for r in responses
        ],
    }


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    if not rows:
        return ""
    columns = list(rows[0])
    w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    w.writeheader()
    for row in rows:
        w.writerow(
            {
                k: spreadsheet_cell(
                    json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                )
                for k, v in row.items()
            }
        )
    return out.getvalue()


def as_csv_zip(data: dict[str, Any]) -> bytes:
    """One CSV per section in a zip (a spreadsheet opens each); nested answers as JSON cells."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("person.csv", _csv([data["person"]]))
        z.writestr("contact_details.csv", _csv([data["contact_details"]]))
        for section in (
            "memberships",
            "ledger_statement",
            "hours_given",
            "stories",
            "survey_responses",
        ):
            z.writestr(f"{section}.csv", _csv(data[section]))
    return buf.getvalue()


def download(person: Person, fmt: str, *, actor_label: str, actor: Any = None) -> bytes:
    """The person's data as JSON or a zip of CSVs; audited (the event holds counts only)."""
    if fmt not in ("json", "csv"):
        raise ValueError(f"unknown format {fmt!r}")
    data = personal_data(person)
    record(
        "person.download_own_data",
        actor_label=actor_label,
        actor=actor,
        target=person,
        format=fmt,
        stories=len(data["stories"]),
        responses=len(data["survey_responses"]),
        transfers=len(data["ledger_statement"]),
    )
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2).encode()
    return as_csv_zip(data)

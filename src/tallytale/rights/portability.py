"""A participant's own data, for download (data portability, UK GDPR article 20).

Everything Tallytale holds about the person: their record and their own contact details
(theirs, so included in their own download only), memberships, ledger statement and the
hours they gave, the stories they told (original words: they are the teller's) with their
consent history, and their survey answers. Every download is audited.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.utils import timezone

from tallytale.audit.services import record
from tallytale.core.textsafe import csv_text
from tallytale.programmes.models import ContactDetails, Membership, Person
from tallytale.programmes.signals import person_export

#: the sections of the download, in order; apps answer for theirs on `person_export`
SECTIONS = ("memberships", "ledger_statement", "hours_given", "stories", "survey_responses")


def personal_data(person: Person) -> dict[str, Any]:
    """Everything about `person`, as plain JSON-able values: their record here, and each
    app's own sections (`programmes.signals.person_export`)."""
    contact = ContactDetails.objects.filter(person=person).first()
    parts: dict[str, Any] = {
        "memberships": [
            {"project": m.project.slug, "role": m.role, "joined_on": m.joined_on.isoformat()}
            for m in Membership.objects.filter(person=person)
            .select_related("project")
            .order_by("project__slug", "role")
        ]
    }
    for _receiver, sections in person_export.send(sender=Person, person=person):
        parts.update(sections or {})
    missing = [s for s in SECTIONS if s not in parts]
    if missing:  # an app stopped answering: refuse rather than hand over a partial copy
        raise RuntimeError(f"no app answered for {', '.join(missing)}")
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
            "language": person.language,  # for pages and e-mails (programmes.language)
            "area": person.area,
            "new_to_volunteering": person.new_to_volunteering,
            "registered_on": person.registered_on.isoformat(),
        },
        "contact_details": {
            "name": contact.name if contact else "",
            "email": contact.email if contact else "",
            "phone": contact.phone if contact else "",
            "address": contact.address if contact else "",
        },
        **{name: parts[name] for name in SECTIONS},
        **{k: v for k, v in parts.items() if k not in SECTIONS},
    }


def _csv(rows: list[dict[str, Any]], bom: bool) -> str:
    if not rows:
        return ""
    columns = list(rows[0])
    body = (
        [
            json.dumps(row.get(k), ensure_ascii=False)
            if isinstance(row.get(k), dict | list)
            else row.get(k)
            for k in columns
        ]
        for row in rows
    )
    return csv_text([columns, *body], bom=bom)


def as_csv_zip(data: dict[str, Any], *, bom: bool = True) -> bytes:
    """One CSV per section in a zip (a spreadsheet opens each); nested answers as JSON cells.
    The person downloads it from the web to open in a spreadsheet, so each CSV starts with
    a UTF-8 byte-order mark (Excel otherwise reads Welsh and Arabic as Windows-1252)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("person.csv", _csv([data["person"]], bom))
        z.writestr("contact_details.csv", _csv([data["contact_details"]], bom))
        for section in SECTIONS:
            z.writestr(f"{section}.csv", _csv(data[section], bom))
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

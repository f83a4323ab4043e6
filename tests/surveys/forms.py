"""Real-world-style XLSForms, written with openpyxl as a researcher would in Excel."""

from __future__ import annotations

from pathlib import Path

import openpyxl

EN, CY = "English (en)", "Cymraeg (cy)"


def write_xlsform(
    path: Path,
    survey: list[list],
    choices: list[list] | None = None,
    settings: list[list] | None = None,
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in survey:
        ws.append(row)
    if choices:
        c = wb.create_sheet("choices")
        for row in choices:
            c.append(row)
    if settings:
        s = wb.create_sheet("settings")
        for row in settings:
            s.append(row)
    wb.save(path)
    return path


def community_health_form(path: Path, version: str = "2025010101") -> Path:
    """A Kobo form a community researcher made: groups, a repeat, Welsh and English,
    a cascading select, constraints, a calculation, SWEMWBS items and a pulldata() call
    (which Tallytale cannot evaluate but must keep)."""
    head = [
        "type",
        "name",
        f"label::{EN}",
        f"label::{CY}",
        f"hint::{EN}",
        "required",
        "relevant",
        "constraint",
        f"constraint_message::{EN}",
        "calculation",
        "choice_filter",
        "appearance",
        "default",
    ]
    survey = [
        head,
        ["start", "start", "", "", "", "", "", "", "", "", "", "", ""],
        [
            "text",
            "participant_code",
            "Participant code",
            "Cod cyfranogwr",
            "",
            "yes",
            "",
            "regex(., '^[A-Z0-9-]+$')",
            "Use capitals and digits",
            "",
            "",
            "",
            "",
        ],
        [
            "integer",
            "age",
            "Age",
            "Oed",
            "in years",
            "yes",
            "",
            ". >= 16 and . <= 110",
            "Age must be 16-110",
            "",
            "",
            "",
            "",
        ],
        [
            "select_one yesno",
            "volunteered",
            "Volunteered before?",
            "Gwirfoddoli o'r blaen?",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "begin_group",
            "place",
            "Where you live",
            "Lle rydych chi'n byw",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "field-list",
            "",
        ],
        ["select_one county", "county", "County", "Sir", "", "yes", "", "", "", "", "", "", ""],
        [
            "select_one town",
            "town",
            "Town",
            "Tref",
            "",
            "",
            "",
            "",
            "",
            "",
            "county=${county}",
            "",
            "",
        ],
        ["end_group", "", "", "", "", "", "", "", "", "", "", "", ""],
        [
            "select_multiple activity",
            "activities",
            "Activities",
            "Gweithgareddau",
            "",
            "",
            "${volunteered} = 'yes'",
            "count-selected(.) <= 3",
            "At most three",
            "",
            "",
            "",
            "",
        ],
        [
            "decimal",
            "hours",
            "Hours a week",
            "Oriau'r wythnos",
            "",
            "",
            "selected(${activities}, 'garden') or selected(${activities}, 'cafe')",
            ". > 0",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "date",
            "joined",
            "Date joined",
            "Dyddiad ymuno",
            "",
            "",
            "",
            ". <= today()",
            "",
            "",
            "",
            "",
            "",
        ],
        ["time", "usual_time", "Usual time", "Amser arferol", "", "", "", "", "", "", "", "", ""],
        ["datetime", "interview_at", "Interview", "Cyfweliad", "", "", "", "", "", "", "", "", ""],
        ["range", "mood", "Mood today", "Hwyliau heddiw", "", "", "", "", "", "", "", "", ""],
        ["geopoint", "where", "Location", "Lleoliad", "", "", "", "", "", "", "", "", ""],
        [
            "acknowledge",
            "consent",
            "I agree",
            "Rwy'n cytuno",
            "",
            "yes",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        ["calculate", "age_next", "", "", "", "", "", "", "", "${age} + 1", "", "", ""],
        [
            "calculate",
            "lookup",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "pulldata('towns', 'pop', 'name', ${town})",
            "",
            "",
            "",
        ],
        ["begin_group", "wellbeing", "Wellbeing", "Llesiant", "", "", "", "", "", "", "", "", ""],
    ]
    for i in range(1, 8):
        survey.append(
            [
                "select_one freq",
                f"swemwbs_{i}",
                f"Item {i}",
                f"Eitem {i}",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
    survey += [
        ["end_group", "", "", "", "", "", "", "", "", "", "", "", ""],
        [
            "begin_repeat",
            "household",
            "Household member",
            "Aelod o'r cartref",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        ["text", "hh_name", "First name", "Enw cyntaf", "", "", "", "", "", "", "", "", ""],
        ["integer", "hh_age", "Age", "Oed", "", "", "", ". < 120", "", "", "", "", ""],
        ["end_repeat", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["note", "thanks", "Thank you", "Diolch", "", "", "", "", "", "", "", "", ""],
    ]
    choices = [
        ["list_name", "name", f"label::{EN}", f"label::{CY}", "county"],
        ["yesno", "yes", "Yes", "Ie", ""],
        ["yesno", "no", "No", "Na", ""],
        ["county", "carms", "Carmarthenshire", "Sir Gâr", ""],
        ["county", "ceredigion", "Ceredigion", "Ceredigion", ""],
        ["town", "llanelli", "Llanelli", "Llanelli", "carms"],
        ["town", "aberystwyth", "Aberystwyth", "Aberystwyth", "ceredigion"],
        ["activity", "garden", "Gardening", "Garddio", ""],
        ["activity", "cafe", "Cafe", "Caffi", ""],
        ["activity", "library", "Library", "Llyfrgell", ""],
        ["activity", "choir", "Choir", "Côr", ""],
    ] + [
        ["freq", str(v), en, cy, ""]
        for v, en, cy in [
            (1, "None of the time", "Dim o'r amser"),
            (2, "Rarely", "Anaml"),
            (3, "Some of the time", "Peth o'r amser"),
            (4, "Often", "Yn aml"),
            (5, "All of the time", "Drwy'r amser"),
        ]
    ]
    settings = [
        ["form_title", "form_id", "version", "default_language"],
        ["Community health", "community_health", version, EN],
    ]
    return write_xlsform(path, survey, choices, settings)


KOBO_HEADER = [
    "start",
    "participant_code",
    "age",
    "volunteered",
    "place/county",
    "place/town",
    "activities",
    "activities/garden",
    "activities/cafe",
    "activities/library",
    "activities/choir",
    "hours",
    "joined",
    "usual_time",
    "interview_at",
    "mood",
    "where",
    "consent",
    "age_next",
    "lookup",
    *[f"wellbeing/swemwbs_{i}" for i in range(1, 8)],
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_index",
]


def kobo_row(uuid: str, code: str, items: list[int], **over) -> list[str]:
    base = {
        "start": "2025-03-01T10:00:00.000+00:00",
        "participant_code": code,
        "age": "34",
        "volunteered": "yes",
        "place/county": "carms",
        "place/town": "llanelli",
        "activities": "garden cafe",
        "activities/garden": "1",
        "activities/cafe": "1",
        "activities/library": "0",
        "activities/choir": "0",
        "hours": "2.5",
        "joined": "2024-11-02",
        "usual_time": "10:30:00.000+00:00",
        "interview_at": "2025-03-01T10:05:00.000+00:00",
        "mood": "7",
        "where": "51.68 -4.16 10 5",
        "consent": "OK",
        "age_next": "35",
        "lookup": "",
        **{f"wellbeing/swemwbs_{i}": str(v) for i, v in enumerate(items, start=1)},
        "_id": "1",
        "_uuid": uuid,
        "_submission_time": "2025-03-01T10:20:00",
        "_validation_status": "",
        "_index": "1",
    }
    base.update(over)
    return [base[h] for h in KOBO_HEADER]

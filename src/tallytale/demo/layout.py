"""The fixed shape of the demo programme: its projects and its staff codes.

Every part of the generator (people, surveys, stories, community, sign-ins) reads these;
they are stable for every seed so that logins and links in the docs stay the same.
"""

from __future__ import annotations

PROJECTS = [
    # slug, name, share of participants, first language weights
    ("deaf-peer-support", "Deaf Peer Support Group", 0.12, {"bfi": 0.7, "en": 0.3}),
    (
        "sanctuary-researchers",
        "Sanctuary Community Researchers",
        0.18,
        {"ar": 0.4, "en": 0.2, "ti": 0.2, "ps": 0.2},
    ),
    ("cwm-time-credits", "Cwm Valley Time Credits", 0.40, {"en": 0.7, "cy": 0.3}),
    ("lunch-club", "Friday Lunch Club", 0.15, {"en": 0.6, "cy": 0.4}),
    ("youth-voice", "Youth Voice", 0.15, {"en": 0.85, "cy": 0.15}),
]


def project_slugs() -> list[str]:
    """The demo's project slugs: fixed, so they are stable for every seed."""
    return [p[0] for p in PROJECTS]


def staff_code(slug: str, role: str) -> str:
    """The code of a project's demo staff member for a role (coordinator, researcher...)."""
    suffix = {"coordinator": "COORD", "researcher": "RES1", "evaluator": "EVAL", "admin": "ADMIN"}
    return f"{slug[:3].upper()}-{suffix[role]}"

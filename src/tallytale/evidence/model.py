"""The report as typed, immutable values, and the one function that turns it into the JSON
dict of the Report contract (DESIGN.md) that the renderers and the JSON format read.

`tallytale.evidence.report` builds a `Report`; `report_json` is the only place its shape
becomes keys, so the contract (pinned by tests/evidence/test_report_schema.py) cannot drift
between the builder, the renderers and the JSON download. Fields are added, never renamed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from tallytale.core.claims import ClaimResult


@dataclass(frozen=True)
class StoryRef:
    """A story shown beside a claim, and why: "supporting" or "contrasting"."""

    id: int
    role: str


@dataclass(frozen=True)
class StoryNumber:
    """A published figure printed beside a story (so no story stands without a number)."""

    claim_id: str
    text: str


@dataclass(frozen=True)
class ClaimOut:
    """One figure of the report: the disclosure-controlled result and how it is shown."""

    result: ClaimResult
    section: str
    headline: bool
    display: str
    stories: tuple[StoryRef, ...]
    gap: str | None
    topic: tuple[str, ...]
    suppressed_text: str | None = None  # only for suppressed claims under a rule
    available: tuple[int, int] = (0, 0)  # stories to choose from: numerator, rest
    meta: Mapping[str, Any] | None = None  # meta-inference (report._meta), None if not drawn

    @property
    def id(self) -> str:
        return self.result.id


@dataclass(frozen=True)
class StoryOut:
    """A story excerpt as the audience may read it, with the numbers beside it."""

    id: int
    excerpt: str
    consent: str
    language: str
    medium: str
    project: str
    theme: str | None
    translation: str
    numbers: tuple[StoryNumber, ...]


@dataclass(frozen=True)
class Period:
    """The ledger period the report covers (open ends are None)."""

    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Disclosure:
    applied: bool
    k: int | None
    rule: str
    statement: str
    stories_with_suppressed_figures: str


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True)
class ProjectRef:
    slug: str
    name: str


@dataclass(frozen=True)
class RuleCheck:
    """The "no numbers without stories" check (`tallytale.core.pairing.check_rule`)."""

    ok: bool
    claims_without_story: tuple[str, ...]
    stories_without_number: tuple[int, ...]


@dataclass(frozen=True)
class Report:
    """A built report. `ledger`, `themes`, `methods`, `community` and `summary` are plain mappings of
    JSON values (their keys are pinned by the schema test)."""

    schema: str
    project: str | None
    programme: str | None
    projects: tuple[ProjectRef, ...]
    title: str
    audience: str
    generated_at: str
    period: Period
    disclosure: Disclosure
    claims: tuple[ClaimOut, ...]
    stories: tuple[StoryOut, ...]
    sections: tuple[Section, ...]
    headline: tuple[str, ...]
    ledger: Mapping[str, Any]
    themes: Mapping[str, Any]
    methods: Mapping[str, Any]
    community: Mapping[str, Any]
    rule_check: RuleCheck
    summary: Mapping[str, Any]  # the front page (`report._summary`)
    joint_display: Mapping[str, Any]  # outcomes x themes (`report._joint_display`)
    #: key triads, aggregated (`evidence.patterns.key_triads`); plain JSON values
    triads: tuple[Mapping[str, Any], ...] = ()
    #: "What changed for partner organisations": response rates per kind of partner and
    #: the joint display by kind (`tallytale.evidence.partners`); empty without partners
    partners: Mapping[str, Any] = field(default_factory=dict)
    #: the language its words are in ("en", "cy", "ar"): the one active when it was built
    language: str = "en"
    #: Most Significant Change: stories a panel chose, with its reasons (`evidence.msc`);
    #: only those the audience may read; plain JSON values
    most_significant_change: tuple[Mapping[str, Any], ...] = ()


def claim_json(c: ClaimOut) -> dict[str, Any]:
    """One claim in the contract: the result's fields, then how it is shown."""
    d = asdict(c.result)
    d["population"] = dict(c.result.population)
    d["extra"] = dict(c.result.extra)
    d["section"] = c.section
    d["headline"] = c.headline
    d["display"] = c.display
    d["method"] = c.result.ci_method
    d["stories"] = [{"id": s.id, "role": s.role} for s in c.stories]
    d["gap"] = c.gap
    if c.suppressed_text is not None:
        d["suppressed_text"] = c.suppressed_text
    d["topic"] = list(c.topic)
    d["stories_available"] = {"supporting": c.available[0], "contrasting": c.available[1]}
    d["meta_inference"] = None if c.meta is None else dict(c.meta)
    return d


def _story_json(s: StoryOut) -> dict[str, Any]:
    return {
        "id": s.id,
        "excerpt": s.excerpt,
        "consent": s.consent,
        "language": s.language,
        "medium": s.medium,
        "project": s.project,
        "theme": s.theme,
        "translation": s.translation,
        "numbers": [{"claim_id": n.claim_id, "text": n.text} for n in s.numbers],
    }


def report_json(r: Report) -> dict[str, Any]:
    """The Report JSON contract: the one dict the renderers and the JSON download use."""
    return {
        "schema": r.schema,
        "project": r.project,
        "programme": r.programme,
        "projects": [{"slug": p.slug, "name": p.name} for p in r.projects],
        "title": r.title,
        "audience": r.audience,
        "generated_at": r.generated_at,
        "period": {
            "from": r.period.start.isoformat() if r.period.start else None,
            "to": r.period.end.isoformat() if r.period.end else None,
        },
        "disclosure": asdict(r.disclosure),
        "claims": [claim_json(c) for c in r.claims],
        "stories": [_story_json(s) for s in r.stories],
        "sections": [
            {"id": s.id, "title": s.title, "claim_ids": list(s.claim_ids)} for s in r.sections
        ],
        "headline": list(r.headline),
        "ledger": dict(r.ledger),
        "themes": dict(r.themes),
        "methods": dict(r.methods),
        "community": dict(r.community),
        "summary": dict(r.summary),
        "joint_display": dict(r.joint_display),
        "rule_check": {
            "ok": r.rule_check.ok,
            "claims_without_story": list(r.rule_check.claims_without_story),
            "stories_without_number": list(r.rule_check.stories_without_number),
        },
        "triads": [dict(t) for t in r.triads],
        "partners": dict(r.partners),
        "language": r.language,
        "most_significant_change": [dict(m) for m in r.most_significant_change],
    }

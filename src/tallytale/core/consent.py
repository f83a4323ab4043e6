"""Who may read a story: the decision table, in pure Python.

Why here and not in a view: the same rule must hold for the web, the API, CLI exports and
reports, and it must be testable exhaustively without a database. `tallytale.stories.access`
turns this table into querysets; a test checks the two agree for every combination.

The viewer is described by facts the caller has already established from the project's
permissions (`tallytale.programmes.permissions`): whether they hold the research team's
capability (`story.read_original`), whether they are a member of the project at all
(`story.read_project`), and whether they told or collected the story.

Rules (deny by default):

- A withdrawn story is shown to nobody, not even its teller: its text has been erased.
- The teller sees their own story, in their own words ("original").
- The project's research team may read the original (each read is audited by the caller);
  they see held stories too, because they are the people who review them.
- A story held for review (the redactor was unsure it found every name) is shown to nobody
  else until a coordinator or researcher approves its redaction.
- The collector sees the redacted text of the stories they collected.
- Other members of the project (participants, evaluators) see the redacted text of stories
  whose consent is `project` or `public`.
- Nobody else sees anything. `public` consent means "may be quoted in published reports";
  it does not open the story to people outside the project on the web.

Audiences (for exports and reports, which are built for a readership rather than a person):
`research_team` sees every live story (redacted), `project` sees `project`+`public`
stories that are not held, `public` sees `public` stories that are not held.
"""

from __future__ import annotations

from typing import Literal

ORIGINAL: Literal["original"] = "original"
REDACTED: Literal["redacted"] = "redacted"
Access = Literal["original", "redacted"]

RESEARCH_TEAM = "research_team"
PROJECT = "project"
PUBLIC = "public"
CONSENT_LEVELS: tuple[str, ...] = (RESEARCH_TEAM, PROJECT, PUBLIC)
AUDIENCES: tuple[str, ...] = CONSENT_LEVELS

#: consent levels each audience may read (wider consent includes the narrower audiences)
AUDIENCE_CONSENTS: dict[str, frozenset[str]] = {
    RESEARCH_TEAM: frozenset(CONSENT_LEVELS),
    PROJECT: frozenset({PROJECT, PUBLIC}),
    PUBLIC: frozenset({PUBLIC}),
}


def _check_level(consent_level: str) -> None:
    if consent_level not in CONSENT_LEVELS:
        raise ValueError(f"unknown consent level {consent_level!r}")


def may_read(
    *,
    research_team: bool,
    member: bool,
    is_teller: bool,
    is_collector: bool,
    consent_level: str,
    withdrawn: bool,
    held: bool,
) -> Access | None:
    """The most a viewer may read of one story: "original", "redacted" or None (nothing).

    "original" means the viewer *may* read the original; callers still show the redacted
    text by default and audit each read of the original.
    """
    _check_level(consent_level)
    if withdrawn:
        return None
    if is_teller:
        return ORIGINAL
    if research_team:
        return ORIGINAL
    if held:
        return None
    if is_collector:
        return REDACTED
    if member and consent_level in AUDIENCE_CONSENTS[PROJECT]:
        return REDACTED
    return None


def audience_may_read(
    audience: str, *, consent_level: str, withdrawn: bool, held: bool
) -> Access | None:
    """What an export or report for an audience may contain of one story: redacted or nothing.

    Exports never carry original text: a file leaves the system, and the research team
    can read originals in the app, where each read is audited.
    """
    _check_level(consent_level)
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    if withdrawn:
        return None
    if held and audience != RESEARCH_TEAM:
        return None
    if consent_level in AUDIENCE_CONSENTS[audience]:
        return REDACTED
    return None

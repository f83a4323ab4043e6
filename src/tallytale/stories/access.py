"""Who sees which stories, and which text of them: the one visibility function.

Why one place: the web, the API, CLI exports, reports and theme runs must all show the same
stories to the same people. They all start from `visible_stories(...)` and read text only
through `story_text_for(...)`. The decision table itself is `tallytale.core.consent`
(pure, tested exhaustively); this module turns it into querysets, and a test checks that
the queryset and the table agree for every role and story.

Roles come from `tallytale.programmes.permissions`: the research team is whoever holds
`story.read_original` in the project; a member is whoever holds `story.read_project`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.core import consent as consent_rules
from tallytale.programmes import permissions
from tallytale.programmes.models import Project

from .models import Story


def _person(user: Any):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    person = getattr(user, "person", None)
    if person is None or person.erased_at is not None:
        return None
    return person


def viewer_facts(user: Any, project: Project) -> tuple[bool, bool]:
    """(research_team, member) for a user in a project, from the project's permissions."""
    if isinstance(user, str):
        raise TypeError("an audience is not a user")
    return (
        permissions.can(user, "story.read_original", project),
        permissions.can(user, "story.read_project", project),
    )


def _audience_q(audience: str) -> Q:
    if audience not in consent_rules.AUDIENCES:
        raise ValueError(_("unknown audience %(audience)s") % {"audience": repr(audience)})
    q = Q(consent_level__in=sorted(consent_rules.AUDIENCE_CONSENTS[audience]))
    if audience != consent_rules.RESEARCH_TEAM:
        q &= Q(held_for_review=False)
    return q


def visible_stories(viewer: Any, project: Project) -> QuerySet[Story]:
    """The live stories of a project that `viewer` may see at all.

    `viewer` is a user (web, API) or an audience name (`research_team`, `project`,
    `public`) for exports and reports. Withdrawn stories are never included.
    """
    base = Story.objects.filter(project=project, withdrawn_at__isnull=True)
    if isinstance(viewer, str):
        return base.filter(_audience_q(viewer))
    person = _person(viewer)
    if person is None:
        return base.none()
    research_team, member = viewer_facts(viewer, project)
    if research_team:
        return base
    q = Q(teller=person) | Q(collector=person, held_for_review=False)
    if member:
        q |= Q(
            consent_level__in=sorted(consent_rules.AUDIENCE_CONSENTS[consent_rules.PROJECT]),
            held_for_review=False,
        )
    return base.filter(q)


def own_stories(user: Any) -> QuerySet[Story]:
    """Stories the user told, in every project (the teller's own page)."""
    person = _person(user)
    if person is None:
        return Story.objects.none()
    return Story.objects.filter(teller=person, withdrawn_at__isnull=True)


def access_for(viewer: Any, story: Story) -> consent_rules.Access | None:
    """What `viewer` may read of `story`: "original", "redacted" or None."""
    if isinstance(viewer, str):
        return consent_rules.audience_may_read(
            viewer,
            consent_level=story.consent_level,
            withdrawn=story.withdrawn,
            held=story.held_for_review,
        )
    person = _person(viewer)
    if person is None:
        return None
    research_team, member = viewer_facts(viewer, story.project)
    return consent_rules.may_read(
        research_team=research_team,
        member=member,
        is_teller=story.teller_id is not None and story.teller_id == person.pk,
        is_collector=story.collector_id is not None and story.collector_id == person.pk,
        consent_level=story.consent_level,
        withdrawn=story.withdrawn,
        held=story.held_for_review,
    )


def analysis_field(story: Story) -> str:
    """The field coding, themes and quotes use: the transcript of a recording when there is
    one, else the written text."""
    return "transcript" if story.transcript else "text"


def story_text_for(
    viewer: Any,
    story: Story,
    *,
    original: bool = False,
    field: str | None = None,
    actor_label: str = "",
) -> str | None:
    """The text of `story` that `viewer` may read, or None if they may read nothing.

    Redacted by default. With `original=True`, the original is returned only to those the
    table allows (teller, research team), and every such read by someone other than the
    teller is audited. `field` defaults to `analysis_field(story)`.
    """
    allowed = access_for(viewer, story)
    if allowed is None:
        return None
    name = field or analysis_field(story)
    if name not in ("title", "text", "translation", "transcript"):
        raise ValueError(_("unknown story field %(name)s") % {"name": repr(name)})
    if original and allowed == consent_rules.ORIGINAL:
        person = _person(viewer)
        if not (person is not None and story.teller_id == person.pk):
            record(
                "story.read_original",
                actor_label=actor_label or f"web:{getattr(viewer, 'username', '?')}",
                actor=viewer if getattr(viewer, "pk", None) else None,
                target=story,
                project_slug=story.project.slug,
                field=name,
            )
        return getattr(story, name)
    return getattr(story, f"{name}_redacted")


def export_audience(user: Any, project: Project) -> str:
    """The widest audience whose exports this user may take: the research team's, else the
    project members' (never original text: exports are always redacted)."""
    if permissions.can(user, "story.read_original", project):
        return consent_rules.RESEARCH_TEAM
    return consent_rules.PROJECT

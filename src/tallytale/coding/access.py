"""Who is acting in coding, and what they may read: every story text coding sees comes
through `tallytale.stories.access`, so a coder codes (and the machine learns from) only what
that person may read, redacted. An `Actor` with `user=None` is an operator at the command
line and acts as the research team."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.core import consent as consent_rules
from tallytale.errors import NotFound
from tallytale.programmes import permissions
from tallytale.programmes.models import Project
from tallytale.stories import access
from tallytale.stories.models import Story
from tallytale.stories.services import Actor

from .models import (
    Code,
    CodeHistory,
)

# ------------------------------------------------------------------------------------------
# Who is acting, and what they may read
# ------------------------------------------------------------------------------------------


def _require(actor: Actor, capability: str, project: Project) -> None:
    if actor.user is not None:
        permissions.require(actor.user, capability, project)


def _viewer(actor: Actor) -> Any:
    """The user, or for the command line the research team's audience."""
    return actor.user if actor.user is not None else consent_rules.RESEARCH_TEAM


def _coder_label(actor: Actor) -> str:
    if actor.user is not None:
        return actor.user.get_username()
    return actor.label


def _history(code: Code, action: str, actor: Actor, **detail: Any) -> None:
    CodeHistory.objects.create(
        project_id=code.project_id, code=code, action=action, detail=detail, by_label=actor.label
    )


def _audit(action: str, actor: Actor, target: Any, project: Project, **detail: Any) -> None:
    record(
        action,
        actor_label=actor.label,
        actor=actor.user if getattr(actor.user, "pk", None) else None,
        target=target,
        project_slug=project.slug,
        **detail,
    )


def visible(actor: Actor, project: Project) -> QuerySet[Story]:
    """Stories the actor may see (the research team's set on the command line)."""
    return access.visible_stories(_viewer(actor), project)


def story_for(actor: Actor, project: Project, story_id: int, *, lock: bool = False) -> Story:
    """A story the actor may see, or NotFound. With `lock`, its row is locked (SELECT ... FOR
    UPDATE) until the caller's transaction ends, so it cannot be withdrawn meanwhile."""
    qs = visible(actor, project).filter(pk=story_id).select_related("project")
    if lock:
        qs = qs.select_for_update(of=("self",))
    story = qs.first()
    if story is None:
        raise NotFound(
            _("no story %(story_id)s in %(project)s")
            % {"story_id": story_id, "project": project.slug}
        )
    return story


def text_for(actor: Actor, story: Story) -> tuple[str, str]:
    """(field, redacted text) that codings of this story refer to."""
    name = access.analysis_field(story)
    text = access.story_text_for(_viewer(actor), story, field=name)
    if text is None:
        raise NotFound(_("no story %(story)s") % {"story": story.pk})
    return name, text

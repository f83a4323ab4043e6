"""Most Significant Change (Davies and Dart 2005): a panel of the research team shortlists
stories, each member votes, and the panel records why it chose a story. The report shows the
chosen stories with the panel's reasons, apart from the stories paired with figures.

Consent always wins: the shortlist holds only stories the panel member may read; the report
shows a chosen story only to an audience its teller's consent allows (`visible_stories`),
in the text that audience may read (redacted); a withdrawn story leaves the shortlist with
its votes and reason (`erase_withdrawn`). Every service checks `evidence.claims` (the people
who shape a report: researchers, coordinators, admins) in the project itself, and looks the
story and the candidate up within the project.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.errors import InvalidInput, NotFound
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import Actor, require
from tallytale.stories.access import story_text_for, visible_stories

from .models import MscCandidate, MscVote

CAPABILITY = "evidence.claims"
REASON_MAX = 2000
EXCERPT_CHARS = 600


def _check(actor: Actor, project: Project) -> None:
    if actor.user is not None:
        require(actor.user, CAPABILITY, project)


def _viewer(actor: Actor) -> Any:
    return actor.user if actor.user is not None else "research_team"


def _candidate(project: Project, candidate_id: Any) -> MscCandidate:
    try:
        pk = int(candidate_id)
    except (TypeError, ValueError):
        raise InvalidInput(_("candidate: must be a number")) from None
    found = MscCandidate.objects.filter(project=project, pk=pk).select_related("story").first()
    if found is None:
        raise NotFound(_("candidate: no shortlisted story %(pk)s in this project") % {"pk": pk})
    return found


def _audit(action: str, actor: Actor, target: Any, project: Project, **detail: Any) -> None:
    record(action, actor_label=actor.label,
           actor=actor.user if getattr(actor.user, "pk", None) else None, target=target,
           project_slug=project.slug, **detail)  # fmt: skip


@transaction.atomic
def shortlist(project: Project, story_id: Any, *, actor: Actor) -> MscCandidate:
    """Put a story the actor may read on the project's shortlist (twice is once)."""
    _check(actor, project)
    try:
        pk = int(story_id)
    except (TypeError, ValueError):
        raise InvalidInput(_("story: must be a story number")) from None
    story = visible_stories(_viewer(actor), project).filter(pk=pk).first()
    if story is None:
        raise NotFound(_("story: no story %(pk)s you may read in this project") % {"pk": pk})
    candidate, created = MscCandidate.objects.get_or_create(
        project=project, story=story, defaults={"added_by_label": actor.label}
    )
    if created:
        _audit("evidence.msc_shortlist", actor, candidate, project, story=story.pk)
    return candidate


@transaction.atomic
def remove(project: Project, candidate_id: Any, *, actor: Actor) -> None:
    """Take a story off the shortlist, with its votes and any reason."""
    _check(actor, project)
    candidate = _candidate(project, candidate_id)
    _audit("evidence.msc_remove", actor, candidate, project, story=candidate.story_id)
    candidate.delete()


@transaction.atomic
def vote(project: Project, candidate_id: Any, *, actor: Actor) -> MscVote:
    """A panel member's vote for one shortlisted story (a new vote replaces their last)."""
    _check(actor, project)
    if actor.user is None:
        raise InvalidInput(_("vote: a panel member votes signed in, on the web"))
    candidate = _candidate(project, candidate_id)
    got, _created = MscVote.objects.update_or_create(
        project=project, voter=actor.user, defaults={"candidate": candidate}
    )
    _audit("evidence.msc_vote", actor, candidate, project, story=candidate.story_id)
    return got


@transaction.atomic
def choose(project: Project, candidate_id: Any, reason: str, *, actor: Actor) -> MscCandidate:
    """Record the panel's choice of a shortlisted story and its reason (required: the
    reason is what the section is for). Choosing again rewrites the reason."""
    _check(actor, project)
    candidate = _candidate(project, candidate_id)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("reason: say why the panel chose this story"))
    if len(reason) > REASON_MAX:
        raise InvalidInput(
            _("reason: at most %(REASON_MAX)s characters") % {"REASON_MAX": REASON_MAX}
        )
    candidate.reason = reason
    candidate.chosen_at = timezone.now()
    candidate.chosen_by_label = actor.label
    candidate.save(update_fields=["reason", "chosen_at", "chosen_by_label"])
    _audit("evidence.msc_choose", actor, candidate, project, story=candidate.story_id)
    return candidate


@transaction.atomic
def unchoose(project: Project, candidate_id: Any, *, actor: Actor) -> None:
    """Take back the panel's choice (the story stays shortlisted)."""
    _check(actor, project)
    candidate = _candidate(project, candidate_id)
    MscCandidate.objects.filter(pk=candidate.pk).update(reason="", chosen_at=None,
                                                        chosen_by_label="")  # fmt: skip
    _audit("evidence.msc_unchoose", actor, candidate, project, story=candidate.story_id)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


def panel(project: Project, *, actor: Actor) -> list[dict[str, Any]]:
    """The shortlist as the panel member sees it: each story they may read, its votes,
    whether they voted for it, and the panel's reason if chosen."""
    _check(actor, project)
    viewer = _viewer(actor)
    readable = set(visible_stories(viewer, project).values_list("pk", flat=True))
    mine = None
    if actor.user is not None:
        mine = MscVote.objects.filter(project=project, voter=actor.user).values_list(
            "candidate_id", flat=True
        ).first()  # fmt: skip
    out = []
    rows = MscCandidate.objects.filter(project=project).select_related("story", "story__project")
    for c in rows.annotate(n_votes=Count("votes")):
        if c.story_id not in readable:
            continue
        text = story_text_for(viewer, c.story) or ""
        out.append({"id": c.pk, "story_id": c.story_id, "excerpt": _excerpt(text),
                    "language": c.story.language, "consent": c.story.consent_level,
                    "votes": c.n_votes, "mine": c.pk == mine, "reason": c.reason,
                    "chosen": c.chosen_at is not None})  # fmt: skip
    return out


def for_report(projects: list[Project], audience: str) -> list[dict[str, Any]]:
    """The chosen stories `audience` may read, with the panel's reasons: a story whose
    consent does not reach this audience (or that was withdrawn) is not in the section."""
    out = []
    for project in projects:
        readable = visible_stories(audience, project)
        chosen = (
            MscCandidate.objects.filter(project=project, chosen_at__isnull=False,
                                        story__in=readable)
            .select_related("story", "story__project")
            .annotate(n_votes=Count("votes"))
            .order_by("chosen_at", "pk")
        )  # fmt: skip
        for c in chosen:
            text = story_text_for(audience, c.story)
            if not text:
                continue
            out.append({"story_id": c.story_id, "project": project.slug,
                        "excerpt": _excerpt(text), "language": c.story.language,
                        "reason": c.reason, "votes": c.n_votes,
                        "chosen_at": c.chosen_at.date().isoformat()})  # fmt: skip
    return out


def erase_withdrawn(sender: Any, story_id: int, project_id: int, **kwargs: Any) -> None:
    """Connected to `stories.signals.story_withdrawn` (inside its transaction): a withdrawn
    story leaves the shortlist, with its votes and the panel's reason."""
    MscCandidate.objects.filter(project_id=project_id, story_id=story_id).delete()

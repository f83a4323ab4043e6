"""The one way to change community-led research: priorities, votes, research questions,
member checking, actions and learning notes.

Each function checks the actor's permission in the project through
`tallytale.programmes.permissions` (members take part; those who manage people in a
project run its rounds and reviews), runs in one transaction and raises a
`TallytaleError` with a one-line reason. `user=None` is an operator at the command line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext

from tallytale.audit.services import record
from tallytale.errors import InvalidInput, NotFound
from tallytale.programmes import permissions
from tallytale.programmes.models import Membership, Person, Programme, Project

from .models import (
    Action,
    ClaimReview,
    FindingReview,
    LearningNote,
    NoteComment,
    Priority,
    ResearchQuestion,
    Round,
    Vote,
)

PARTICIPATE = "community.participate"
MANAGE = "people.manage"  # coordinators and admins run rounds, reviews and actions


def _require(user: Any, capability: str, project: Project) -> None:
    if user is not None:
        permissions.require(user, capability, project)


def _person(user: Any) -> Person | None:
    person = getattr(user, "person", None) if user is not None else None
    return person if person is not None and person.erased_at is None else None


def _member(user: Any) -> Person:
    person = _person(user)
    if person is None:
        raise InvalidInput(gettext("only a registered member can do this"))
    return person


def _label(user: Any) -> str:
    return f"web:{user.get_username()}" if user is not None else "cli"


def _audit(action: str, user: Any, target: Any, project: Project, **detail: Any) -> None:
    record(
        action,
        actor_label=_label(user),
        actor=user if getattr(user, "pk", None) else None,
        target=target,
        project_slug=project.slug,
        **detail,
    )


def _text(value: str, what: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(gettext("%(what)s is empty") % {"what": what})
    if len(value) > limit:
        raise InvalidInput(
            gettext("%(what)s is longer than %(limit)s characters") % {"what": what, "limit": limit}
        )
    return value


# --- priorities and voting rounds -----------------------------------------------------------


@transaction.atomic
def raise_priority(project: Project, title: str, description: str = "", *, user: Any) -> Priority:
    """Any member may raise an issue the community cares about."""
    _require(user, PARTICIPATE, project)
    priority = Priority.objects.create(
        project=project,
        title=_text(title, "title", 200),
        description=(description or "").strip()[:2000],
        raised_by=_person(user),
    )
    _audit("community.priority_raised", user, priority, project)
    return priority


def current_round(project: Project) -> Round | None:
    return Round.objects.filter(project=project, closed_at__isnull=True).first()


@transaction.atomic
def open_round(project: Project, title: str, votes_per_member: int = 3, *, user: Any) -> Round:
    """Start a voting round; one round is open at a time in a project."""
    _require(user, MANAGE, project)
    try:
        votes_per_member = int(str(votes_per_member).strip())
    except ValueError:
        votes_per_member = 0  # not a whole number: refused just below
    if not 1 <= votes_per_member <= 20:
        raise InvalidInput(gettext("votes per member must be a whole number between 1 and 20"))
    if Round.objects.select_for_update().filter(project=project, closed_at__isnull=True).exists():
        raise InvalidInput(gettext("a round is already open; close it first"))
    rnd = Round.objects.create(
        project=project, title=_text(title, "title", 200), votes_per_member=int(votes_per_member)
    )
    _audit("community.round_opened", user, rnd, project, votes_per_member=rnd.votes_per_member)
    return rnd


@transaction.atomic
def close_round(rnd: Round, *, user: Any) -> Round:
    _require(user, MANAGE, rnd.project)
    rnd = Round.objects.select_for_update().get(pk=rnd.pk)
    if rnd.closed_at is None:
        rnd.closed_at = timezone.now()
        rnd.save(update_fields=["closed_at"])
        _audit("community.round_closed", user, rnd, rnd.project)
    return rnd


def dots_used(rnd: Round, person: Person) -> int:
    return Vote.objects.filter(round=rnd, person=person).aggregate(s=Sum("dots"))["s"] or 0


@transaction.atomic
def set_votes(rnd: Round, priority: Priority, dots: int, *, user: Any) -> int:
    """Place `dots` of the member's votes on a priority (0 takes them back). A member never
    holds more than the round's `votes_per_member` in all. Returns the dots left."""
    project = rnd.project
    _require(user, PARTICIPATE, project)
    person = _member(user)
    # Lock the round so two requests from one member cannot both spend the last dot.
    rnd = Round.objects.select_for_update().get(pk=rnd.pk)
    if not rnd.is_open:
        raise InvalidInput(gettext("this round is closed"))
    if priority.project_id != project.pk or priority.status != Priority.Status.OPEN:
        raise InvalidInput(gettext("this priority is not open for votes"))
    try:
        dots = int(dots)
    except (TypeError, ValueError):
        raise InvalidInput(gettext("dots must be a whole number")) from None
    if dots < 0:
        raise InvalidInput(gettext("dots must not be negative"))
    others = (
        Vote.objects.filter(round=rnd, person=person)
        .exclude(priority=priority)
        .aggregate(s=Sum("dots"))["s"]
        or 0
    )
    if others + dots > rnd.votes_per_member:
        raise InvalidInput(
            gettext("you have %(left)s of %(all)s votes left")
            % {"left": rnd.votes_per_member - others, "all": rnd.votes_per_member}
        )
    if dots == 0:
        Vote.objects.filter(round=rnd, priority=priority, person=person).delete()
    else:
        Vote.objects.update_or_create(
            round=rnd, priority=priority, person=person, defaults={"dots": dots}
        )
    return rnd.votes_per_member - others - dots


@dataclass(frozen=True)
class Tally:
    priority: Priority
    dots: int
    mine: int = 0

    @property
    def dot_marks(self) -> str:
        """The dots as marks; pages also give the number in words for screen readers."""
        return "\u25cf" * self.dots


def tally(rnd: Round, person: Person | None = None) -> list[Tally]:
    """Every open or adopted priority of the round's project with its dots, most first."""
    totals = Counter()
    mine = Counter()
    for v in Vote.objects.filter(round=rnd).values("priority_id", "dots", "person_id"):
        totals[v["priority_id"]] += v["dots"]
        if person is not None and v["person_id"] == person.pk:
            mine[v["priority_id"]] += v["dots"]
    priorities = Priority.objects.filter(project=rnd.project).exclude(
        status=Priority.Status.SET_ASIDE
    )
    rows = [Tally(p, totals[p.pk], mine[p.pk]) for p in priorities]
    return sorted(rows, key=lambda t: (-t.dots, t.priority.pk))


@transaction.atomic
def adopt_priority(priority: Priority, question: str, *, user: Any) -> ResearchQuestion:
    """Turn a top priority into a research question."""
    _require(user, MANAGE, priority.project)
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    rq = ResearchQuestion.objects.create(
        project=priority.project, priority=priority, text=_text(question, "question", 500)
    )
    priority.status = Priority.Status.ADOPTED
    priority.save(update_fields=["status"])
    _audit("community.question_created", user, rq, priority.project, priority=priority.pk)
    return rq


def _ids(values: Any, what: str) -> list[int]:
    try:
        return sorted({int(v) for v in values or []})
    except (TypeError, ValueError):
        raise InvalidInput(gettext("%(what)s must be whole numbers") % {"what": what}) from None


@transaction.atomic
def link_question(
    question: ResearchQuestion,
    *,
    instrument_ids: Any = (),
    prompt_ids: Any = (),
    claim_refs: Any = (),
    user: Any,
) -> ResearchQuestion:
    """Link a question to the instruments, story prompts and claims that answer it. Ids
    must belong to the question's project."""
    from tallytale.stories.models import Prompt
    from tallytale.surveys.models import Instrument

    project = question.project
    _require(user, MANAGE, project)
    instruments = _ids(instrument_ids, "instrument ids")
    prompts = _ids(prompt_ids, "prompt ids")
    found = set(
        Instrument.objects.filter(project=project, pk__in=instruments).values_list("pk", flat=True)
    )
    if missing := [i for i in instruments if i not in found]:
        raise InvalidInput(
            gettext("no instrument %(missing)s in %(project)s")
            % {"missing": missing[0], "project": repr(project.slug)}
        )
    found = set(Prompt.objects.filter(project=project, pk__in=prompts).values_list("pk", flat=True))
    if missing := [i for i in prompts if i not in found]:
        raise InvalidInput(
            gettext("no story prompt %(missing)s in %(project)s")
            % {"missing": missing[0], "project": repr(project.slug)}
        )
    refs = sorted({str(r).strip()[:80] for r in claim_refs or [] if str(r).strip()})
    question.instrument_ids, question.prompt_ids, question.claim_refs = instruments, prompts, refs
    question.save(update_fields=["instrument_ids", "prompt_ids", "claim_refs"])
    _audit("community.question_linked", user, question, project)
    return question


# --- member checking ----------------------------------------------------------------------


@transaction.atomic
def open_review(
    project: Project, claim_ref: str, statement: str, story_ids: Any = (), *, user: Any
) -> ClaimReview:
    """Put a draft claim, with its stories, to members for checking."""
    _require(user, MANAGE, project)
    claim_ref = _text(claim_ref, "claim reference", 80)
    if ClaimReview.objects.filter(project=project, claim_ref=claim_ref).exists():
        raise InvalidInput(
            gettext("claim %(claim_ref)s is already under review") % {"claim_ref": repr(claim_ref)}
        )
    review = ClaimReview.objects.create(
        project=project,
        claim_ref=claim_ref,
        statement=_text(statement, "statement", 2000),
        story_ids=_ids(story_ids, "story ids"),
    )
    _audit("community.review_opened", user, review, project, claim=claim_ref)
    return review


@transaction.atomic
def close_review(review: ClaimReview, *, user: Any) -> ClaimReview:
    _require(user, MANAGE, review.project)
    if review.closed_at is None:
        review.closed_at = timezone.now()
        review.save(update_fields=["closed_at"])
        _audit("community.review_closed", user, review, review.project)
    return review


@transaction.atomic
def respond(review: ClaimReview, response: str, comment: str = "", *, user: Any) -> FindingReview:
    """A member's reading of a draft claim; answering again changes it."""
    _require(user, PARTICIPATE, review.project)
    person = _member(user)
    if not review.is_open:
        raise InvalidInput(gettext("this finding is no longer open for responses"))
    if response not in FindingReview.Response.values:
        raise InvalidInput(gettext("choose agree, not sure or disagree"))
    row, _ = FindingReview.objects.update_or_create(
        claim=review,
        person=person,
        defaults={"response": response, "comment": (comment or "").strip()[:2000]},
    )
    return row


@dataclass
class Reading:
    """The community's reading of one claim, for its page and for reports."""

    claim_ref: str
    statement: str
    agree: int = 0
    unsure: int = 0
    disagree: int = 0
    comments: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.agree + self.unsure + self.disagree

    def as_dict(self) -> dict:
        return {
            "claim_ref": self.claim_ref,
            "agree": self.agree,
            "unsure": self.unsure,
            "disagree": self.disagree,
            "total": self.total,
        }


def reading(review: ClaimReview, *, with_comments: bool = False) -> Reading:
    result = Reading(review.claim_ref, review.statement)
    for row in review.responses.order_by("updated_at", "id"):
        setattr(result, row.response, getattr(result, row.response) + 1)
        if with_comments and row.comment:
            result.comments.append(row.comment)
    return result


def readings_for_report(project: Project) -> dict[str, dict]:
    """claim reference -> the community's reading (counts only), for the evidence report
    to show beside each claim."""
    return {
        r.claim_ref: reading(r).as_dict()
        for r in ClaimReview.objects.filter(project=project).prefetch_related("responses")
    }


# --- actions ----------------------------------------------------------------------------------


@transaction.atomic
def record_action(
    project: Project,
    text: str,
    owner: str,
    *,
    review: ClaimReview | None = None,
    claim_ref: str = "",
    status: str = Action.Status.PLANNED,
    due_on: dt.date | None = None,
    user: Any,
) -> Action:
    """Record what is being done about a finding ("you said, we did")."""
    _require(user, MANAGE, project)
    if review is not None and review.project_id != project.pk:
        raise InvalidInput(gettext("that finding belongs to another project"))
    if status not in Action.Status.values:
        raise InvalidInput(
            gettext("status must be one of %(choices)s")
            % {"choices": ", ".join(Action.Status.values)}
        )
    action = Action.objects.create(
        project=project,
        claim=review,
        claim_ref=(review.claim_ref if review else (claim_ref or "").strip()[:80]),
        text=_text(text, "action", 2000),
        owner=_text(owner, "owner", 120),
        status=status,
        due_on=due_on,
    )
    _audit("community.action_recorded", user, action, project, status=status)
    return action


@transaction.atomic
def update_action(
    action: Action, *, status: str, due_on: dt.date | None = None, user: Any
) -> Action:
    _require(user, MANAGE, action.project)
    if status not in Action.Status.values:
        raise InvalidInput(
            gettext("status must be one of %(choices)s")
            % {"choices": ", ".join(Action.Status.values)}
        )
    action = Action.objects.select_for_update().get(pk=action.pk)
    action.status = status
    if due_on is not None:
        action.due_on = due_on
    action.save(update_fields=["status", "due_on", "updated_at"])
    _audit("community.action_updated", user, action, action.project, status=status)
    return action


def actions_for_report(project: Project) -> list[dict]:
    return [
        {
            "claim_ref": a.claim_ref,
            "text": a.text,
            "owner": a.owner,
            "status": a.status,
            "due_on": a.due_on.isoformat() if a.due_on else None,
            "updated_at": a.updated_at.isoformat(),
        }
        for a in Action.objects.filter(project=project).order_by("created_at", "id")
    ]


# --- learning exchange --------------------------------------------------------------------


def programme_projects(user: Any, programme: Programme) -> list[Project]:
    """The programme's projects in which the user takes part."""
    person = _person(user)
    if person is None:
        return []
    return list(
        Project.objects.filter(
            programme=programme,
            pk__in=Membership.objects.filter(person=person).values("project_id"),
        ).order_by("slug")
    )


def may_read_programme(user: Any, programme: Programme) -> bool:
    return any(permissions.can(user, PARTICIPATE, p) for p in programme_projects(user, programme))


@transaction.atomic
def publish_note(
    project: Project, title: str, worked: str = "", did_not: str = "", *, user: Any
) -> LearningNote:
    """A project shares what worked and what did not with the rest of its programme."""
    _require(user, MANAGE, project)
    if project.programme_id is None:
        raise InvalidInput(
            gettext("project %(project)s is not part of a programme")
            % {"project": repr(project.slug)}
        )
    if not (worked or "").strip() and not (did_not or "").strip():
        raise InvalidInput(gettext("say what worked, what did not, or both"))
    note = LearningNote.objects.create(
        project=project,
        programme_id=project.programme_id,
        title=_text(title, "title", 200),
        worked=(worked or "").strip()[:3000],
        did_not=(did_not or "").strip()[:3000],
        author=_person(user),
    )
    _audit("community.note_published", user, note, project)
    return note


@transaction.atomic
def comment_on_note(note: LearningNote, text: str, *, user: Any) -> NoteComment:
    """Members of any project in the note's programme may comment."""
    projects = programme_projects(user, note.programme)
    allowed = [p for p in projects if permissions.can(user, PARTICIPATE, p)]
    if not allowed:
        raise NotFound(gettext("no such note"))
    comment = NoteComment.objects.create(
        note=note, project=allowed[0], author=_person(user), text=_text(text, "comment", 2000)
    )
    _audit("community.note_comment", user, comment, allowed[0], note=note.pk)
    return comment

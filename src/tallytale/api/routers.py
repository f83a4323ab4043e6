"""API endpoints. Each declares the permission it enforces and checks it through
`tallytale.programmes.permissions` on the project named in its path, like the web pages;
each calls the same services as the web.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Header, Router, Status

from tallytale.community import services as community
from tallytale.community.models import ClaimReview, Priority
from tallytale.core import ledger as ledger_rules
from tallytale.errors import InvalidInput
from tallytale.ledger import services as ledger
from tallytale.ledger import statements as ledger_statements
from tallytale.programmes import permissions
from tallytale.programmes.models import Membership, Organisation, Person, Project
from tallytale.programmes.permissions import SIGNED_IN, declares
from tallytale.stories import access
from tallytale.stories import services as stories
from tallytale.stories.models import Story
from tallytale.surveys.models import Instrument

from .schemas import (
    BalanceOut,
    EarnIn,
    Error,
    InstrumentOut,
    PrioritiesOut,
    ProjectOut,
    ReviewIn,
    ReviewOut,
    SpendIn,
    StatementOut,
    StoryCreated,
    StoryIn,
    StoryOut,
    TransferOut,
    ValidationErrorOut,
    VoteIn,
    VoteOut,
)

# Every operation documents its error answers, so clients (and schemathesis) know them:
# refused or unknown input, no or bad token, no permission, no such object, a conflicting
# idempotency key, and ninja's own validation answer.
ERRORS: dict = {frozenset({400, 401, 403, 404, 409}): Error, 422: ValidationErrorOut}

projects = Router(tags=["projects"])
ledger_router = Router(tags=["ledger"])
stories_router = Router(tags=["stories"])
surveys_router = Router(tags=["surveys"])
community_router = Router(tags=["community"])


def _project(request: HttpRequest, slug: str, capability: str) -> Project:
    return permissions.project_for(request, slug, capability)


def _me(request: HttpRequest) -> Person:
    person = getattr(request.user, "person", None)
    if person is None or person.erased_at is not None:
        raise Http404("this account is not linked to a member")
    return person


def _member_of(project: Project, code: str) -> Person:
    person = Person.objects.filter(code=code, erased_at__isnull=True).first() or (
        Person.objects.filter(card_code=code, erased_at__isnull=True).first()
    )
    if person is None or not Membership.objects.filter(person=person, project=project).exists():
        raise Http404("no such member in this project")
    return person


def _credits(minutes: int) -> str:
    sign = "-" if minutes < 0 else ""
    return sign + ledger_rules.format_credits(abs(minutes))


# --- projects -------------------------------------------------------------------------------


@projects.get(
    "/", response={200: list[ProjectOut], **ERRORS}, summary="Projects I belong to, with my roles"
)
@declares(SIGNED_IN)
def my_projects(request: HttpRequest):
    person = getattr(request.user, "person", None)
    rows: dict[int, ProjectOut] = {}
    for m in (
        Membership.objects.filter(person=person)
        .select_related("project__programme")
        .order_by("project__slug", "role")
    ):
        p = m.project
        if p.pk not in rows:
            rows[p.pk] = ProjectOut(
                slug=p.slug,
                name=p.name,
                programme=p.programme.slug if p.programme else None,
                roles=[],
            )
        rows[p.pk].roles.append(m.role)
    return list(rows.values()) if person is not None else []


# --- ledger ---------------------------------------------------------------------------------


@ledger_router.get(
    "/balance", response={200: BalanceOut, **ERRORS}, summary="My time-credit balance"
)
@declares(SIGNED_IN)
def my_balance(request: HttpRequest):
    person = _me(request)
    minutes = ledger_statements.balance(person.code)
    return BalanceOut(person=person.code, minutes=minutes, credits=_credits(minutes))


@ledger_router.get("/statement", response={200: StatementOut, **ERRORS}, summary="My statement")
@declares(SIGNED_IN)
def my_statement(request: HttpRequest, start: dt.date | None = None, end: dt.date | None = None):
    return ledger_statements.statement(_me(request).code, start, end)


@ledger_router.get(
    "/projects/{slug}/members/{code}/statement",
    response={200: StatementOut, **ERRORS},
    summary="A member's statement (coordinators, evaluators)",
)
@declares("ledger.read_all")
def member_statement(
    request: HttpRequest,
    slug: str,
    code: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
):
    project = _project(request, slug, "ledger.read_all")
    return ledger_statements.statement(_member_of(project, code).code, start, end)


def _partner(project: Project, slug: str) -> Organisation:
    partner = Organisation.objects.filter(slug=slug, project=project).first()
    if partner is None:
        raise Http404("no such partner in this project")
    return partner


def _key(request: HttpRequest, key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > 120:
        raise InvalidInput("send an Idempotency-Key header (up to 120 characters)")
    # scoped to the user, so two clients cannot collide on each other's keys
    return f"api:{request.user.pk}:{key}"


def _transfer(t) -> TransferOut:
    return TransferOut(id=t.pk, kind=t.kind, minutes=t.amount, occurred_on=t.occurred_on)


@ledger_router.post(
    "/projects/{slug}/earn",
    response={201: TransferOut, **ERRORS},
    summary="Reward a member's hours at an earning partner",
)
@declares("ledger.record")
def earn(
    request: HttpRequest,
    slug: str,
    payload: EarnIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
):
    project = _project(request, slug, "ledger.record")
    person = _member_of(project, payload.person)
    partner = _partner(project, payload.partner)
    t = ledger.earn(
        person.code,
        partner.slug,
        str(payload.hours),
        day=payload.day,
        category=payload.category,
        key=_key(request, idempotency_key),
        actor=ledger.Actor.token(request.user),
        project=project,
    )
    return Status(201, _transfer(t))


@ledger_router.post(
    "/projects/{slug}/spend",
    response={201: TransferOut, **ERRORS},
    summary="Record a member spending credits at a spending partner",
)
@declares("ledger.record")
def spend(
    request: HttpRequest,
    slug: str,
    payload: SpendIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
):
    project = _project(request, slug, "ledger.record")
    person = _member_of(project, payload.person)
    partner = _partner(project, payload.partner)
    t = ledger.spend(
        person.code,
        partner.slug,
        str(payload.credits),
        day=payload.day,
        category=payload.category,
        key=_key(request, idempotency_key),
        actor=ledger.Actor.token(request.user),
        project=project,
    )
    return Status(201, _transfer(t))


# --- stories --------------------------------------------------------------------------------


@stories_router.get(
    "/projects/{slug}/stories",
    response={200: list[StoryOut], **ERRORS},
    summary="Stories I may read (redacted)",
)
@declares("story.read_project")
def list_stories(request: HttpRequest, slug: str, limit: int = 100, before: int | None = None):
    project = _project(request, slug, "story.read_project")
    qs = access.visible_stories(request.user, project).order_by("-id")
    if before:
        qs = qs.filter(pk__lt=before)
    out = []
    for s in qs[: max(1, min(limit, 500))]:
        text = access.story_text_for(request.user, s, field="text")
        if text is None:
            continue
        out.append(
            StoryOut(
                id=s.pk,
                # the redacted title, like the text: the original may name people
                title=access.story_text_for(request.user, s, field="title") or "",
                language=s.language,
                consent_level=s.consent_level,
                text=text,
            )
        )
    return out


@stories_router.post(
    "/projects/{slug}/stories", response={201: StoryCreated, **ERRORS}, summary="Collect a story"
)
@declares("story.collect")
def collect_story(request: HttpRequest, slug: str, payload: StoryIn):
    project = _project(request, slug, "story.collect")
    teller = _member_of(project, payload.teller) if payload.teller else None
    story = stories.collect(
        project,
        actor=stories.Actor.token(request.user),
        text=payload.text,
        language=payload.language,
        title=payload.title,
        teller=teller,
        consent_level=payload.consent_level,
        consent_method=payload.consent_method,
        info_sheet_version=payload.info_sheet_version,
    )
    return Status(201, StoryCreated(id=story.pk, held_for_review=story.held_for_review))


@stories_router.post(
    "/stories/{story_id}/withdraw",
    response={204: None, **ERRORS},
    summary="Withdraw a story I told (its words are erased)",
)
@declares(SIGNED_IN)
def withdraw_story(request: HttpRequest, story_id: int):
    story = access.own_stories(request.user).filter(pk=story_id).select_related("project").first()
    if story is None:
        # research team members may withdraw on a teller's behalf (checked by the service)
        story = Story.objects.filter(pk=story_id, withdrawn_at__isnull=True).first()
        if story is None or not permissions.can(
            request.user, "story.manage_consent", story.project
        ):
            raise Http404("no such story")
    stories.withdraw_story(story, actor=stories.Actor.token(request.user))
    return Status(204, None)


# --- surveys --------------------------------------------------------------------------------


@surveys_router.get(
    "/projects/{slug}/instruments",
    response={200: list[InstrumentOut], **ERRORS},
    summary="Survey instruments",
)
@declares("survey.respond")
def instruments(request: HttpRequest, slug: str):
    project = _project(request, slug, "survey.respond")
    return [
        InstrumentOut(
            id=i.pk, form_id=i.form_id, version=i.version, title=i.title, languages=i.languages
        )
        for i in Instrument.objects.filter(project=project).order_by("form_id", "-created_at")
    ]


# --- community ------------------------------------------------------------------------------


@community_router.get(
    "/projects/{slug}/priorities",
    response={200: PrioritiesOut, **ERRORS},
    summary="Priorities and their dots",
)
@declares("community.participate")
def priorities(request: HttpRequest, slug: str):
    project = _project(request, slug, "community.participate")
    person = getattr(request.user, "person", None)
    rnd = community.current_round(project)
    if rnd is not None:
        rows = community.tally(rnd, person)
        used = community.dots_used(rnd, person) if person else 0
    else:
        rows = [community.Tally(p, 0) for p in Priority.objects.filter(project=project)]
        used = 0
    return PrioritiesOut(
        round=rnd.title if rnd else None,
        votes_per_member=rnd.votes_per_member if rnd else 0,
        votes_left=(rnd.votes_per_member - used) if rnd else 0,
        priorities=[
            {
                "id": t.priority.pk,
                "title": t.priority.title,
                "description": t.priority.description,
                "status": t.priority.status,
                "dots": t.dots,
                "my_dots": t.mine,
            }
            for t in rows
        ],
    )


@community_router.post(
    "/projects/{slug}/priorities/{priority_id}/vote",
    response={200: VoteOut, **ERRORS},
    summary="Place my dots on a priority in the open round",
)
@declares("community.participate")
def vote(request: HttpRequest, slug: str, priority_id: int, payload: VoteIn):
    project = _project(request, slug, "community.participate")
    priority = Priority.objects.filter(pk=priority_id, project=project).first()
    rnd = community.current_round(project)
    if priority is None:
        raise Http404("no such priority")
    if rnd is None:
        raise InvalidInput("there is no open voting round")
    return VoteOut(votes_left=community.set_votes(rnd, priority, payload.dots, user=request.user))


@community_router.post(
    "/projects/{slug}/findings/{finding_id}/response",
    response={200: ReviewOut, **ERRORS},
    summary="My reading of a draft finding: agree, unsure or disagree",
)
@declares("community.participate")
def review(request: HttpRequest, slug: str, finding_id: int, payload: ReviewIn):
    project = _project(request, slug, "community.participate")
    item = ClaimReview.objects.filter(pk=finding_id, project=project).first()
    if item is None:
        raise Http404("no such finding")
    row = community.respond(item, payload.response, payload.comment, user=request.user)
    return ReviewOut(claim_ref=item.claim_ref, response=row.response)

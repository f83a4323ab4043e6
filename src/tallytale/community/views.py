"""Community pages: priorities and dot votes, research questions, member checking,
"you said, we did" actions, and the programme's learning exchange.

Mobile-first and without JavaScript: every change is a small form that posts and
redirects back. Views translate HTTP into `community.services` calls; each declares the
permission it enforces and requires it on the project it serves.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tallytale.errors import TallytaleError
from tallytale.programmes import permissions
from tallytale.programmes.models import Programme, Project
from tallytale.programmes.permissions import declares, project_for, project_view
from tallytale.stories import access

from . import services
from .models import Action, ClaimReview, FindingReview, LearningNote, Priority, ResearchQuestion
from .services import MANAGE, PARTICIPATE


def _project(request: HttpRequest, slug: str, capability: str) -> Project:
    return project_for(request, slug, capability)


def _back(request: HttpRequest, name: str, **kwargs) -> HttpResponse:
    return redirect(f"community:{name}", **kwargs)


def _try(request: HttpRequest, fn, success: str = "") -> bool:
    """Run a service call; show its one-line reason to the user if it refuses."""
    try:
        fn()
    except TallytaleError as exc:
        messages.error(request, str(exc))
        return False
    if success:
        messages.success(request, success)
    return True


def _person(request: HttpRequest):
    return getattr(request.user, "person", None)


@project_view(PARTICIPATE)
def home(request: HttpRequest, project: Project) -> HttpResponse:
    """The project's priorities with their dots, the open round and the research questions."""
    rnd = services.current_round(project)
    person = _person(request)
    rows = services.tally(rnd, person) if rnd else []
    used = services.dots_used(rnd, person) if rnd and person else 0
    return render(
        request,
        "community/home.html",
        {
            "project": project,
            "round": rnd,
            "rows": rows,
            "left": (rnd.votes_per_member - used) if rnd else 0,
            "priorities": Priority.objects.filter(project=project, status=Priority.Status.OPEN)
            if not rnd
            else [],
            "questions": ResearchQuestion.objects.filter(project=project),
            "manage": permissions.can(request.user, MANAGE, project),
        },
    )


@require_POST
@project_view(PARTICIPATE)
def raise_priority(request: HttpRequest, project: Project) -> HttpResponse:
    _try(
        request,
        lambda: services.raise_priority(
            project,
            request.POST.get("title", ""),
            request.POST.get("description", ""),
            user=request.user,
        ),
        "Thank you: your priority is on the list.",
    )
    return _back(request, "home", slug=project.slug)


@require_POST
@project_view(PARTICIPATE)
def vote(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    priority = get_object_or_404(Priority, pk=pk, project=project)
    rnd = services.current_round(project)
    if rnd is None:
        messages.error(request, _("There is no open voting round."))
    else:
        _try(
            request,
            lambda: services.set_votes(rnd, priority, request.POST.get("dots"), user=request.user),
            _("Your votes are saved."),
        )
    return _back(request, "home", slug=project.slug)


@require_POST
@project_view(MANAGE)
def round_open(request: HttpRequest, project: Project) -> HttpResponse:
    _try(
        request,
        lambda: services.open_round(
            project,
            request.POST.get("title", ""),
            request.POST.get("votes_per_member") or 3,
            user=request.user,
        ),
        _("Voting round opened."),
    )
    return _back(request, "home", slug=project.slug)


@require_POST
@project_view(MANAGE)
def round_close(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    rnd = get_object_or_404(project.vote_rounds, pk=pk)
    services.close_round(rnd, user=request.user)
    messages.success(request, _("Voting round closed."))
    return _back(request, "home", slug=project.slug)


@require_POST
@project_view(MANAGE)
def adopt(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    priority = get_object_or_404(Priority, pk=pk, project=project)
    _try(
        request,
        lambda: services.adopt_priority(
            priority, request.POST.get("question", ""), user=request.user
        ),
        _("The priority is now a research question."),
    )
    return _back(request, "home", slug=project.slug)


@project_view(PARTICIPATE)
def question(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    rq = get_object_or_404(ResearchQuestion, pk=pk, project=project)
    return render(
        request,
        "community/question.html",
        {"project": project, "q": rq, "manage": permissions.can(request.user, MANAGE, project)},
    )


def _list(value: str) -> list[str]:
    return [v for v in value.replace(",", " ").split() if v]


@require_POST
@project_view(MANAGE)
def question_links(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    rq = get_object_or_404(ResearchQuestion, pk=pk, project=project)
    _try(
        request,
        lambda: services.link_question(
            rq,
            instrument_ids=_list(request.POST.get("instruments", "")),
            prompt_ids=_list(request.POST.get("prompts", "")),
            claim_refs=_list(request.POST.get("claims", "")),
            user=request.user,
        ),
        "Links saved.",
    )
    return _back(request, "question", slug=project.slug, pk=pk)


@project_view(PARTICIPATE)
def reviews(request: HttpRequest, project: Project) -> HttpResponse:
    """Draft findings open for member checking, and the community's reading of each."""
    items = [(r, services.reading(r)) for r in ClaimReview.objects.filter(project=project)[:100]]
    return render(
        request,
        "community/reviews.html",
        {
            "project": project,
            "items": items,
            "manage": permissions.can(request.user, MANAGE, project),
        },
    )


@require_POST
@project_view(MANAGE)
def review_open(request: HttpRequest, project: Project) -> HttpResponse:
    _try(
        request,
        lambda: services.open_review(
            project,
            request.POST.get("claim_ref", ""),
            request.POST.get("statement", ""),
            _list(request.POST.get("stories", "")),
            user=request.user,
        ),
        _("The finding is open for members to check."),
    )
    return _back(request, "reviews", slug=project.slug)


@require_http_methods(["GET", "POST"])
@project_view(PARTICIPATE)
def review(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    """One draft finding with the stories the member may read; the member answers here."""
    item = get_object_or_404(ClaimReview, pk=pk, project=project)
    if request.method == "POST":
        if _try(
            request,
            lambda: services.respond(
                item,
                request.POST.get("response", ""),
                request.POST.get("comment", ""),
                user=request.user,
            ),
            _("Thank you: your answer is saved. You can change it while the finding is open."),
        ):
            return _back(request, "review", slug=project.slug, pk=pk)
    stories = access.visible_stories(request.user, project).filter(pk__in=item.story_ids)
    texts = [(s, access.story_text_for(request.user, s)) for s in stories]
    person = _person(request)
    mine = FindingReview.objects.filter(claim=item, person=person).first() if person else None
    manage = permissions.can(request.user, MANAGE, project)
    return render(
        request,
        "community/review.html",
        {
            "project": project,
            "item": item,
            "stories": texts,
            "mine": mine,
            "choices": FindingReview.Response.choices,
            "reading": services.reading(item, with_comments=manage),
            "manage": manage,
        },
    )


@require_POST
@project_view(MANAGE)
def review_close(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    item = get_object_or_404(ClaimReview, pk=pk, project=project)
    services.close_review(item, user=request.user)
    return _back(request, "reviews", slug=project.slug)


@project_view(PARTICIPATE)
def actions(request: HttpRequest, project: Project) -> HttpResponse:
    """You said, we did: every action on the project's findings, with owner and status."""
    return render(
        request,
        "community/actions.html",
        {
            "project": project,
            "actions": Action.objects.filter(project=project).select_related("claim"),
            "findings": ClaimReview.objects.filter(project=project),
            "statuses": Action.Status.choices,
            "manage": permissions.can(request.user, MANAGE, project),
        },
    )


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_POST
@project_view(MANAGE)
def action_new(request: HttpRequest, project: Project) -> HttpResponse:
    finding = request.POST.get("finding") or ""
    item = (
        ClaimReview.objects.filter(project=project, pk=finding).first()
        if finding.isdigit()
        else None
    )
    _try(
        request,
        lambda: services.record_action(
            project,
            request.POST.get("text", ""),
            request.POST.get("owner", ""),
            review=item,
            status=request.POST.get("status", Action.Status.PLANNED),
            due_on=_date(request.POST.get("due_on", "")),
            user=request.user,
        ),
        "Action recorded.",
    )
    return _back(request, "actions", slug=project.slug)


@require_POST
@project_view(MANAGE)
def action_update(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    action = get_object_or_404(Action, pk=pk, project=project)
    _try(
        request,
        lambda: services.update_action(
            action,
            status=request.POST.get("status", ""),
            due_on=_date(request.POST.get("due_on", "")),
            user=request.user,
        ),
        "Action updated.",
    )
    return _back(request, "actions", slug=project.slug)


@require_http_methods(["GET", "POST"])
@project_view(MANAGE)
def note_new(request: HttpRequest, project: Project) -> HttpResponse:
    if request.method == "POST" and _try(
        request,
        lambda: services.publish_note(
            project,
            request.POST.get("title", ""),
            request.POST.get("worked", ""),
            request.POST.get("did_not", ""),
            user=request.user,
        ),
        _("Learning note published to the programme."),
    ):
        return redirect("community:programme", programme=project.programme.slug)
    return render(request, "community/note_new.html", {"project": project})


def _programme(request: HttpRequest, slug: str) -> Programme:
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None or not services.may_read_programme(request.user, programme):
        raise Http404(_("no such programme"))
    return programme


@declares(PARTICIPATE)
@login_required
def programme(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme's learning exchange: notes from all its projects."""
    prog = _programme(request, programme)
    notes = LearningNote.objects.filter(programme=prog).select_related("project")[:200]
    return render(request, "community/programme.html", {"programme": prog, "notes": notes})


@declares(PARTICIPATE)
@login_required
@require_http_methods(["GET", "POST"])
def note(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(LearningNote.objects.select_related("programme", "project"), pk=pk)
    _programme(request, item.programme.slug)
    if request.method == "POST" and _try(
        request,
        lambda: services.comment_on_note(item, request.POST.get("text", ""), user=request.user),
        "Comment added.",
    ):
        return redirect("community:note", pk=pk)
    return render(
        request,
        "community/note.html",
        {"note": item, "comments": item.comments.select_related("project")},
    )

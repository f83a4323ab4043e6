"""People by name, for coordinators: the member directory and one member's page.

The figures and lists come from `ledger.directory` (which checks `people.manage`); changes
go through the apps' services (`ledger.services`, `programmes.services`,
`accounts.services`). Stories and survey answers appear as counts only.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tallytale.accounts import services as accounts
from tallytale.errors import NotFound, TallytaleError
from tallytale.ledger import directory
from tallytale.ledger import services as ledger
from tallytale.ledger.models import Account
from tallytale.programmes import language, membership
from tallytale.programmes import services as programmes
from tallytale.programmes.models import Organisation, Person, Project, Role
from tallytale.programmes.permissions import (
    Actor,
    can,
    may_manage_person,
    project_view,
    require,
)
from tallytale.stories.models import Story
from tallytale.surveys.models import Response


@project_view("people.manage")
def directory_page(request: HttpRequest, project: Project) -> HttpResponse:
    """Every member with their roles, balance and contact, searchable and filtered."""
    error = ""
    f = directory.PeopleFilter()
    try:
        f = directory.PeopleFilter.parse(request.GET)
        page = directory.page_of(
            directory.people(Actor.from_request(request), project, f), request.GET.get("page")
        )
    except TallytaleError as exc:
        error = str(exc)
        page = directory.page_of([], 1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/directory.html",
        {
            "project": project,
            "f": f,
            "page": page,
            "query": query.urlencode(),
            "roles": Role.choices,
            "partners": Organisation.objects.filter(project=project).order_by("name"),
            "error": error,
        },
        status=400 if error else 200,
    )


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _act(request: HttpRequest, project: Project, person: Person) -> str:
    """Carry out one of the member page's actions; returns the message to show."""
    actor = Actor.from_request(request)
    action = request.POST.get("action", "")
    key = f"web:member:{action}:{request.POST.get('idempotency_key') or uuid.uuid4()}"
    amount = request.POST.get("amount", "").strip()
    day = _day(request.POST.get("day", "").strip())
    category = request.POST.get("category", "").strip()[:80]
    if action in ("earn", "spend", "gift", "reverse"):
        require(actor, "ledger.correct", project)
    if action in ("earn", "spend"):
        # this page acts within its project: another project's partner is unknown here
        programmes.get_partner_in(project, request.POST.get("partner", ""))
    if action == "gift":
        programmes.get_member(project, request.POST.get("to", "").strip())
    if action == "earn":
        t = ledger.earn(
            person.code, request.POST.get("partner", ""), amount, day=day, category=category,
            key=key, actor=actor, project=project,
        )  # fmt: skip
    elif action == "spend":
        t = ledger.spend(
            person.code, request.POST.get("partner", ""), amount, day=day, category=category,
            key=key, actor=actor, project=project,
        )  # fmt: skip
    elif action == "gift":
        t = ledger.gift(
            person.code, request.POST.get("to", "").strip(), amount, day=day, key=key,
            actor=actor, project=project,
        )  # fmt: skip
    elif action == "reverse":
        tid = int(request.POST.get("transfer") or 0)
        account = Account.objects.filter(person=person).first()
        if account is None or not (
            account.debits.filter(pk=tid).exists() or account.credits.filter(pk=tid).exists()
        ):
            raise NotFound(_("No such transfer on this member's account."))
        t = ledger.reverse(
            tid, key=key, actor=actor, reason=request.POST.get("reason", ""), project=project
        )
    elif action == "role":
        role = request.POST.get("role", "")
        programmes.add_person(person.code, project.slug, role, actor=actor)
        return _("Role added.")
    elif action == "remove_role":
        membership.remove_role(actor, project, person, request.POST.get("role", ""))
        return _("Role removed.")
    elif action == "language":
        language.set_member_language(actor, project, person, request.POST.get("language", ""))
        return _("Language saved.")
    elif action == "invite":
        email = request.POST.get("email", "").strip()
        _inv, secret = accounts.invite(
            project,
            person.code,
            request.POST.get("role") or Role.PARTICIPANT,
            actor=request.user,
            email=email,
            build_url=lambda s: request.build_absolute_uri(reverse("accounts:accept", args=[s])),
        )
        link = request.build_absolute_uri(reverse("accounts:accept", args=[secret]))
        if email:
            return _("Invitation made and e-mailed. The link is also: %(link)s") % {"link": link}
        return _("Invitation made. Give the member this link: %(link)s") % {"link": link}
    else:
        raise NotFound(_("Unknown action."))
    return directory.recorded_message(t)


@require_http_methods(["GET", "POST"])
@project_view("people.manage")
def member_page(request: HttpRequest, project: Project, code: str) -> HttpResponse:
    """One member: profile, contact, roles, balance, statement, hours by partner, counts of
    stories and survey answers, and the coordinator's actions."""
    try:
        person = programmes.get_member(project, code)
    except NotFound:
        raise Http404("no such member") from None
    error = ""
    if request.method == "POST":
        try:
            done = _act(request, project, person)
        except ValueError:
            error = _("Check the numbers and the date (YYYY-MM-DD).")
        except TallytaleError as exc:
            error = str(exc)
        else:
            messages.success(request, done)
            return redirect("web:member", slug=project.slug, code=person.code)
    person = (
        Person.objects.select_related("contact", "account").filter(pk=person.pk).get()
    )  # one query for the profile, contact and balance
    account = person.account
    page, lines = directory.statement_page(account, request.GET.get("page"))
    partners = list(Organisation.objects.filter(project=project).order_by("name"))
    return render(
        request,
        "web/member.html",
        {
            "project": project,
            "person": person,
            "contact": person.contact if directory._has_contact(person) else None,
            "roles": list(person.memberships.filter(project=project).order_by("role")),
            "account": account,
            "page": page,
            "lines": lines,
            "hours": directory.hours_by_partner(project, person),
            "stories": Story.objects.filter(project=project, teller=person).count(),
            "responses": Response.objects.filter(project=project, person=person).count(),
            "earning": [p for p in partners if p.earns],
            "spending": [p for p in partners if p.spends],
            "all_roles": Role.choices,
            "languages": settings.LANGUAGES,
            # a person in a project this coordinator does not manage sets it themselves
            "may_set_language": may_manage_person(Actor.from_request(request), person),
            "key": str(uuid.uuid4()),
            "can_correct": can(request.user, "ledger.correct", project),
            "error": error,
            "post": request.POST if error else {},
        },
        status=400 if error else 200,
    )

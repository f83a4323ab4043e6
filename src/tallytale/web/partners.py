"""Partners on the web: coordinators add and edit partners and their opportunities;
every member of the project sees the open opportunities as "What's on".

Changes go through `programmes.partners` (which checks `people.manage` and looks the
partner up within the project); budgets through `ledger.services.set_budget`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tallytale.core.ledger import MAX_MINUTES_PER_DAY, format_credits
from tallytale.errors import InputErrors, NotFound, TallytaleError
from tallytale.ledger import stats
from tallytale.programmes import partners as partner_services
from tallytale.programmes import rules as scheme_rules
from tallytale.programmes.models import Opportunity, Organisation, Project
from tallytale.programmes.permissions import Actor, can, project_view
from tallytale.programmes.services import get_partner_in


def _errors(exc: TallytaleError) -> dict[str, str]:
    if isinstance(exc, InputErrors) and isinstance(exc.errors, dict):
        return exc.errors
    return {"form": str(exc)}


@require_http_methods(["GET", "POST"])
@project_view("people.manage")
def partners_page(request: HttpRequest, project: Project) -> HttpResponse:
    """Every partner with its budget, and a form to add one."""
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            org = partner_services.create(Actor.from_request(request), project, request.POST)
        except TallytaleError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Partner added."))
            return redirect("web:partner", slug=project.slug, partner=org.slug)
    budgets = {b["partner"]: b for b in stats.scheme_stats(project)["budgets"]}
    rows = [
        (p, budgets.get(p.slug))
        for p in Organisation.objects.filter(project=project).order_by("name")
    ]
    return render(
        request,
        "web/partners.html",
        {
            "project": project,
            "rows": rows,
            "kinds": Organisation.Kind.choices,
            "errors": errors,
            "post": request.POST if errors else {},
        },
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
@project_view("people.manage")
def partner_page(request: HttpRequest, project: Project, partner: str) -> HttpResponse:
    """One partner: edit it, its budget, and its opportunities."""
    try:
        org = get_partner_in(project, partner)
    except NotFound:
        raise Http404("no such partner") from None
    errors: dict[str, str] = {}
    action = request.POST.get("action", "")
    if request.method == "POST":
        actor = Actor.from_request(request)
        try:
            if action == "update":
                partner_services.update(actor, project, org.slug, request.POST)
                done = _("Partner saved.")
            elif action == "add":
                partner_services.add_opportunity(actor, project, org.slug, request.POST)
                done = _("Added to what's on.")
            elif action == "close":
                opp = int(request.POST.get("opportunity") or 0)
                if not Opportunity.objects.filter(pk=opp, partner=org).exists():
                    raise NotFound(_("No such opportunity at this partner."))
                partner_services.close_opportunity(actor, project, opp)
                done = _("Taken off what's on.")
            else:
                raise NotFound(_("Unknown action."))
        except ValueError:
            errors = {"form": _("Check the numbers.")}
        except TallytaleError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, done)
            return redirect("web:partner", slug=project.slug, partner=org.slug)
    budget = next(
        (b for b in stats.scheme_stats(project)["budgets"] if b["partner"] == org.slug), None
    )
    return render(
        request,
        "web/partner.html",
        {
            "project": project,
            "org": org,
            "initial": {
                "name": org.name,
                "kind": org.kind,
                "contact": org.contact,
                "overdraft": format_credits(org.overdraft_minutes),
            },
            "budget": budget,
            "kinds": Organisation.Kind.choices,
            "opportunity_kinds": Opportunity.Kind.choices,
            "opportunities": org.opportunities.order_by("-is_open", "kind", "title"),
            "errors": errors,
            "action": action if errors else "",
            "post": request.POST if errors else {},
            "can_budget": can(request.user, "ledger.correct", project),
        },
        status=400 if errors else 200,
    )


@project_view("community.participate")
def whats_on(request: HttpRequest, project: Project) -> HttpResponse:
    """What members can do to earn credits and what they can spend them on."""
    items = list(partner_services.whats_on(Actor.from_request(request), project))
    return render(
        request,
        "web/whats_on.html",
        {
            "project": project,
            "earn": [o for o in items if o.kind == Opportunity.Kind.EARN],
            "spend": [o for o in items if o.kind == Opportunity.Kind.SPEND],
        },
    )


@require_http_methods(["GET", "POST"])
@project_view("people.manage")
def rules(request: HttpRequest, project: Project) -> HttpResponse:
    """The scheme's rules on one page: credit expiry, limits, each partner's overdraft and
    the disclosure threshold k (which a coordinator may change)."""
    error = ""
    if request.method == "POST":
        try:
            scheme_rules.set_disclosure_k(
                Actor.from_request(request), project, request.POST.get("k", "")
            )
        except TallytaleError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Disclosure threshold saved."))
            return redirect("web:rules", slug=project.slug)
    return render(
        request,
        "web/rules.html",
        {
            "project": project,
            "partners": Organisation.objects.filter(project=project).order_by("name"),
            "max_hours": MAX_MINUTES_PER_DAY // 60,
            "error": error,
            "k": request.POST.get("k", "") if error else project.disclosure_k,
        },
        status=400 if error else 200,
    )

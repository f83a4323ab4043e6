"""Pages for the research team, coordinators and evaluators of one project that span
several apps: the researcher's phone page, the coordinator's dashboard and members page,
the evaluator's page.

Each view declares the capability it enforces (`project_view`). Figures come from the
apps' read functions (`surveys.read`, `coding.read`, `ledger.stats`) and changes from their
services; these views only assemble. Pages one app owns (its forms, imports, exports and
offline sync) live in that app: `ledger.views`, `surveys.views`, `stories.views`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tallytale.coding import read as coding_read
from tallytale.core.disclosure import DEFAULT_RULE, ThresholdRule, publish_count
from tallytale.errors import TallytaleError
from tallytale.ledger import read, stats
from tallytale.programmes import services as programmes
from tallytale.programmes.models import Organisation, Project, Role
from tallytale.programmes.permissions import (
    Actor,
    can,
    project_view,
)
from tallytale.programmes.read import participant_codes
from tallytale.stories import access
from tallytale.surveys import read as surveys_read
from tallytale.surveys import services as surveys

from .alerts import alerts
from .charts import bar_chart

# --- community researcher ------------------------------------------------------------------


@project_view("story.collect")
def research(request: HttpRequest, project: Project) -> HttpResponse:
    """The researcher's phone page: collect, enter, log hours (all work offline), code, vote."""
    return render(
        request,
        "web/research.html",
        {
            "project": project,
            "instruments": surveys.latest_instruments(project),
            "can_code": can(request.user, "coding.code", project),
            "can_record": can(request.user, "ledger.record", project),
            "recent": access.visible_stories(request.user, project)
            .filter(collector=getattr(request.user, "person", None))
            .order_by("-id")[:10],
        },
    )


# --- coordinator -------------------------------------------------------------------------


def _month_starts(today: dt.date, n: int) -> list[dt.date]:
    y, m = today.year, today.month
    out = []
    for _i in range(n):
        out.append(dt.date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return list(reversed(out))


def _month_end(start: dt.date) -> dt.date:
    nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def dashboard_figures(project: Project, months: int = 12) -> dict:
    """Figures behind the coordinator's charts, in a handful of grouped queries."""
    today = timezone.localdate()
    starts = _month_starts(today, months)
    activity = {
        m.month: {"hours": m.hours_given, "active_members": m.active_members}
        for m in read.monthly([project.pk], starts[0], _month_end(starts[-1]))
    }
    monthly = []
    for start in starts:
        s = activity.get(start, {"hours": 0.0, "active_members": 0})
        monthly.append(
            {
                "month": start.strftime("%Y-%m"),
                "label": start.strftime("%m/%y"),
                "hours": s["hours"],
                "active": s["active_members"],
            }
        )
    people = len(participant_codes(project))
    return {
        "monthly": monthly,
        "waves": surveys_read.response_rates(project, people),
        "themes": coding_read.stories_per_theme(project),
        "participants": people,
    }


def dashboard_data(project: Project) -> tuple[dict, dict, dt.datetime]:
    """The dashboard's figures and scheme statistics, and when they were computed.

    They cost a few dozen aggregate queries over the whole ledger, so each app process keeps
    them for `DASHBOARD_MAX_AGE` seconds (0 turns this off): a busy dashboard is at most that
    old, and says so. Only aggregate figures are kept, never story text or personal data.
    """

    def compute() -> tuple[dict, dict, dt.datetime]:
        return dashboard_figures(project), stats.scheme_stats(project), timezone.now()

    max_age = settings.DASHBOARD_MAX_AGE
    if max_age <= 0:
        return compute()
    key = f"tallytale:dashboard:{project.pk}:{project.created_at.timestamp()}"
    return cache.get_or_set(key, compute, max_age)


@project_view("people.manage")
def coordinate(request: HttpRequest, project: Project) -> HttpResponse:
    figures, overall, as_of = dashboard_data(project)
    return render(
        request,
        "web/coordinate.html",
        {
            "project": project,
            "figures": figures,
            "charts_html": _dashboard_charts(request, project, figures, as_of),
            "overall": overall,
            "as_of": as_of,
            "max_age": settings.DASHBOARD_MAX_AGE,
            "can_correct": can(request.user, "ledger.correct", project),
            "can_surveys": can(request.user, "survey.manage", project),
            "alerts": alerts(request, project, overall),
        },
    )


def _dashboard_charts(
    request: HttpRequest, project: Project, figures: dict, as_of: dt.datetime
) -> str:
    """The dashboard's charts and their data tables, drawn once per language for each set
    of cached figures: the same figures give the same drawing, and the key names the
    figures by when they were computed, so a chart is never older than the numbers beside
    it. Drawing them was a third of the page's server CPU."""

    def draw() -> str:
        return render_to_string(
            "web/_dashboard_charts.html", {"charts": _draw_charts(figures)}, request=request
        )

    if settings.DASHBOARD_MAX_AGE <= 0:
        return mark_safe(draw())  # noqa: S308 - drawn by the template, escaped there
    key = (
        f"tallytale:dashboard-charts:{project.pk}:{project.created_at.timestamp()}:"
        f"{as_of.timestamp()}:{get_language()}"
    )
    html = cache.get_or_set(key, draw, settings.DASHBOARD_MAX_AGE)
    return mark_safe(html)  # noqa: S308 - drawn by the template, escaped there


def _draw_charts(figures: dict) -> dict:
    no_prompt = _("(no prompt)")
    # this month is not over: its bar is drawn open and said to be so far
    this_month = timezone.localdate().strftime("%Y-%m")
    partial = ""
    monthly = [(r["label"], r) for r in figures["monthly"]]
    if monthly and monthly[-1][1]["month"] == this_month:
        so_far = _("%(month)s (so far)") % {"month": monthly[-1][0]}
        monthly[-1] = (so_far, monthly[-1][1])
        partial = _("%(month)s is not over yet: its bar is drawn open.") % {"month": so_far}
    charts = {
        "hours": bar_chart(
            _("Hours given per month"),
            [(label, r["hours"]) for label, r in monthly],
            partial_note=partial,
        ),
        "active": bar_chart(
            _("Active members per month"),
            [(label, r["active"]) for label, r in monthly],
            line=True,
            partial_note=partial,
        ),
        "waves": bar_chart(
            _("Response rate by wave (%)"), [(r["wave"], r["rate"]) for r in figures["waves"]]
        ),
        "themes": bar_chart(
            _("Stories collected per theme"),
            [(r["theme"] or no_prompt, r["n"]) for r in figures["themes"][:10]],
        ),
    }
    return charts


@require_http_methods(["GET", "POST"])
@project_view("people.manage")
def members(request: HttpRequest, project: Project) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            joined = request.POST.get("joined_on") or None
            programmes.add_person(
                request.POST.get("code", "").strip(),
                project.slug,
                request.POST.get("role", Role.PARTICIPANT),
                joined_on=dt.date.fromisoformat(joined) if joined else None,
                actor=Actor.from_request(request),
            )
        except ValueError:
            error = _("Enter the date as YYYY-MM-DD.")
        except TallytaleError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Member added."))
            return redirect("web:members", slug=project.slug)
    partners = Organisation.objects.filter(project=project).order_by("name")
    budgets = {b["partner"]: b for b in stats.scheme_stats(project)["budgets"]}
    return render(
        request,
        "web/members.html",
        {
            "project": project,
            "partners": [(p, budgets.get(p.slug)) for p in partners],
            "roles": Role.choices,
            "error": error,
            "can_correct": can(request.user, "ledger.correct", project),
        },
        status=400 if error else 200,
    )


# --- evaluator -----------------------------------------------------------------------------


@project_view("evidence.read")
def evaluate(request: HttpRequest, project: Project) -> HttpResponse:
    rule = ThresholdRule(k=project.disclosure_k or DEFAULT_RULE.k)
    overall = stats.scheme_stats(project)
    figures = []
    for key, label in (
        ("active_members", _("Active members")),
        ("new_members", _("New members")),
        ("returning_members", _("Returning members")),
        ("earning_partners_active", _("Earning partners active")),
    ):
        value = overall[key]
        figures.append({"label": label, "value": publish_count(value, rule)})
    return render(
        request,
        "web/evaluate.html",
        {
            "project": project,
            "overall": overall,
            "figures": figures,
            "k": rule.k,
            "audience": access.export_audience(request.user, project),
            "key": uuid.uuid4().hex,
            "survey_formats": (("csv", "CSV"), ("parquet", "Parquet"), ("sav", "SPSS")),
            "instruments": surveys.latest_instruments(project)
            if can(request.user, "survey.export", project)
            else [],
        },
    )

"""Pages for the research team, coordinators and evaluators of one project.

Each view declares the capability it enforces and checks it with `require(...)` on the
project it serves. Every change goes through a service (`ledger.services`,
`programmes.services`, `surveys.services`); views only translate HTTP.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tallytale.accounts.reauth import reauth_required
from tallytale.core import consent as consent_rules
from tallytale.core import ledger as ledger_rules
from tallytale.core.disclosure import DEFAULT_RULE, ThresholdRule
from tallytale.errors import NotFound, TallytaleError
from tallytale.ledger import importers, read, stats
from tallytale.ledger import services as ledger
from tallytale.ledger.models import Account, Transfer
from tallytale.programmes import services as programmes
from tallytale.programmes.models import Membership, Organisation, Project, Role
from tallytale.programmes.permissions import (
    Actor,
    can,
    project_view,
)
from tallytale.stories import access
from tallytale.stories.exporters import export_stories
from tallytale.stories.models import Story
from tallytale.surveys import services as surveys
from tallytale.surveys.models import Instrument, Response, Wave

from .charts import bar_chart


def ledger_actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request)


def participants(project: Project) -> list[str]:
    return list(
        Membership.objects.filter(project=project, role=Role.PARTICIPANT, person__erased_at=None)
        .order_by("person__code")
        .values_list("person__code", flat=True)
        .distinct()
    )


def _latest_instruments(project: Project) -> list[Instrument]:
    latest: dict[str, Instrument] = {}
    for i in Instrument.objects.filter(project=project).order_by("form_id", "-created_at"):
        latest.setdefault(i.form_id, i)
    return list(latest.values())


# --- community researcher ------------------------------------------------------------------


@project_view("story.collect")
def research(request: HttpRequest, project: Project) -> HttpResponse:
    """The researcher's phone page: collect, enter, log hours (all work offline), code, vote."""
    return render(
        request,
        "web/research.html",
        {
            "project": project,
            "instruments": _latest_instruments(project),
            "can_code": can(request.user, "coding.code", project),
            "can_record": can(request.user, "ledger.record", project),
            "recent": access.visible_stories(request.user, project)
            .filter(collector=getattr(request.user, "person", None))
            .order_by("-id")[:10],
        },
    )


class HoursInput:
    """The hours form's fields, parsed (the ledger service does the rules)."""

    def __init__(self, data, project: Project):
        self.project = project
        self.member = (data.get("member") or "").strip()
        self.partner = (data.get("partner") or "").strip()
        self.hours = (data.get("hours") or "").strip()
        self.day_text = (data.get("day") or "").strip()
        self.activity = (data.get("activity") or "").strip()[:80]
        self.key = (data.get("idempotency_key") or "").strip()[:80] or str(uuid.uuid4())
        self.errors: dict[str, str] = {}
        self.day: dt.date | None = None
        if not self.member:
            self.errors["member"] = _("Enter the member's code.")
        elif not Membership.objects.filter(project=project, person__code=self.member).exists():
            self.errors["member"] = _("No member with that code in this project.")
        if not Organisation.objects.filter(
            project=project, slug=self.partner, kind__in=["earning", "both"]
        ).exists():
            self.errors["partner"] = _("Choose where the time was given.")
        try:
            if Decimal(self.hours) <= 0:
                raise InvalidOperation
            ledger_rules.to_minutes(self.hours, "hours")  # the ledger's own rule, early
        except InvalidOperation:
            self.errors["hours"] = _("Enter the hours as a number, e.g. 1.5")
        except ledger_rules.LedgerError as exc:
            self.errors["hours"] = str(exc)
        if self.day_text:
            try:
                self.day = dt.date.fromisoformat(self.day_text)
            except ValueError:
                self.errors["day"] = _("Enter the date as YYYY-MM-DD.")

    @property
    def ledger_key(self) -> str:
        return f"web:hours:{self.key}"

    def save(self, request: HttpRequest) -> Transfer:
        return ledger.earn(
            self.member,
            self.partner,
            self.hours,
            day=self.day,
            category=self.activity,
            key=self.ledger_key,
            actor=ledger_actor(request),
            project=self.project,
        )


def earning_partners(project: Project):
    return Organisation.objects.filter(project=project, kind__in=["earning", "both"]).order_by(
        "name"
    )


@require_http_methods(["GET", "POST"])
@project_view("ledger.record")
def hours(request: HttpRequest, project: Project) -> HttpResponse:
    """Log hours a member gave (works offline: the queue posts to `web:sync_hours`)."""
    form = None
    status = 200
    if request.method == "POST":
        form = HoursInput(request.POST, project)
        if not form.errors:
            try:
                t = form.save(request)
            except TallytaleError as exc:
                form.errors["form"] = str(exc)
            else:
                messages.success(
                    request,
                    _("%(hours)s hours recorded for %(member)s.")
                    % {"hours": form.hours, "member": form.member},
                )
                return redirect(f"{request.path}?saved={t.pk}")
        status = 400
    return render(
        request,
        "web/hours.html",
        {
            "project": project,
            "form": form,
            "key": str(uuid.uuid4()),
            "partners": earning_partners(project),
            "members": participants(project),
            "today": timezone.localdate().isoformat(),
        },
        status=status,
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
    people = len(participants(project))
    responded = dict(
        Response.objects.filter(project=project, person__isnull=False, wave__isnull=False)
        .values("wave")
        .annotate(n=Count("person", distinct=True))
        .values_list("wave", "n")
    )
    waves = []
    for w in Wave.objects.filter(project=project).order_by("position", "name"):
        n = responded.get(w.pk, 0)
        rate = round(100 * n / people, 1) if people else 0.0
        waves.append({"wave": w.label or w.name, "responded": n, "rate": rate})
    return {
        "monthly": monthly,
        "waves": waves,
        "themes": _stories_per_theme(project),
        "participants": people,
    }


def _stories_per_theme(project: Project) -> list[dict]:
    """Live stories per theme of the project's latest theme run (per prompt before any run)."""
    from tallytale.coding.models import ThemeAssignment, ThemeRun

    run = ThemeRun.objects.filter(project=project).order_by("-id").first()
    if run is not None:
        counts = (
            ThemeAssignment.objects.filter(run=run, story__withdrawn_at__isnull=True)
            .values("theme_id")
            .annotate(n=Count("id"))
            .order_by("-n")
        )
        labels = {t["id"]: t["label"] for t in run.themes}
        return [
            {"theme": labels.get(r["theme_id"], str(r["theme_id"])), "n": r["n"]} for r in counts
        ]
    per_prompt = (
        Story.objects.filter(project=project, withdrawn_at__isnull=True)
        .values("prompt__text")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    # None, not a translated label: these figures are cached and shared across languages.
    return [{"theme": r["prompt__text"], "n": r["n"]} for r in per_prompt]


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
    no_prompt = _("(no prompt)")
    charts = {
        "hours": bar_chart(
            _("Hours given per month"), [(r["label"], r["hours"]) for r in figures["monthly"]]
        ),
        "active": bar_chart(
            _("Active members per month"),
            [(r["label"], r["active"]) for r in figures["monthly"]],
            line=True,
        ),
        "waves": bar_chart(
            _("Response rate by wave (%)"), [(r["wave"], r["rate"]) for r in figures["waves"]]
        ),
        "themes": bar_chart(
            _("Stories collected per theme"),
            [((r["theme"] or no_prompt)[:12], r["n"]) for r in figures["themes"][:10]],
        ),
    }
    return render(
        request,
        "web/coordinate.html",
        {
            "project": project,
            "figures": figures,
            "charts": charts,
            "overall": overall,
            "as_of": as_of,
            "max_age": settings.DASHBOARD_MAX_AGE,
            "can_correct": can(request.user, "ledger.correct", project),
            "can_surveys": can(request.user, "survey.manage", project),
        },
    )


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
    rows = (
        Membership.objects.filter(project=project)
        .select_related("person")
        .order_by("person__code", "role")[:500]
    )
    balances = dict(
        Account.objects.filter(person__memberships__project=project).values_list(
            "person_id", "balance"
        )
    )
    partners = Organisation.objects.filter(project=project).order_by("name")
    budgets = {b["partner"]: b for b in stats.scheme_stats(project)["budgets"]}
    return render(
        request,
        "web/members.html",
        {
            "project": project,
            "rows": [(m, balances.get(m.person_id, 0)) for m in rows],
            "partners": [(p, budgets.get(p.slug)) for p in partners],
            "roles": Role.choices,
            "error": error,
            "can_correct": can(request.user, "ledger.correct", project),
        },
        status=400 if error else 200,
    )


@require_POST
@project_view("ledger.correct")
def budget(request: HttpRequest, project: Project) -> HttpResponse:
    partner = request.POST.get("partner", "")
    if not Organisation.objects.filter(project=project, slug=partner).exists():
        raise Http404("no such partner")
    try:
        ledger.set_budget(
            partner,
            request.POST.get("credits", ""),
            key=f"web:budget:{request.POST.get('idempotency_key') or uuid.uuid4()}",
            actor=ledger_actor(request),
            project=project,
        )
    except TallytaleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Budget issued."))
    return redirect("web:members", slug=project.slug)


def _project_transfers(project: Project):
    return (
        Transfer.objects.filter(Q(debit__project=project) | Q(credit__project=project))
        .select_related("debit__person", "debit__organisation", "credit__person")
        .select_related("credit__organisation", "reversed_by")
        .order_by("-id")[:50]
    )


@require_http_methods(["GET", "POST"])
@project_view("ledger.correct")
def ledger_page(request: HttpRequest, project: Project) -> HttpResponse:
    """Ledger entry (earn, spend, gift) and corrections (reversals)."""
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        key = f"web:{action}:{request.POST.get('idempotency_key') or uuid.uuid4()}"
        member = request.POST.get("member", "").strip()
        amount = request.POST.get("amount", "").strip()
        day_text = request.POST.get("day") or ""
        try:
            day = dt.date.fromisoformat(day_text) if day_text else None
            if (
                action in ("earn", "spend", "gift")
                and not Membership.objects.filter(project=project, person__code=member).exists()
            ):
                raise NotFound(_("No member with that code in this project."))
            if (
                action in ("earn", "spend")
                and not Organisation.objects.filter(
                    project=project, slug=request.POST.get("partner", "")
                ).exists()
            ):
                raise NotFound(_("Choose a partner of this project."))
            if action == "earn":
                ledger.earn(
                    member, request.POST["partner"], amount, day=day, key=key,
                    actor=ledger_actor(request), project=project,
                )  # fmt: skip
            elif action == "spend":
                ledger.spend(
                    member, request.POST["partner"], amount, day=day, key=key,
                    actor=ledger_actor(request), project=project,
                )  # fmt: skip
            elif action == "gift":
                ledger.gift(
                    member, request.POST.get("to", "").strip(), amount, day=day, key=key,
                    actor=ledger_actor(request), project=project,
                )  # fmt: skip
            elif action == "reverse":
                tid = int(request.POST.get("transfer", "0"))
                if not Transfer.objects.filter(
                    Q(debit__project=project) | Q(credit__project=project), pk=tid
                ).exists():
                    raise NotFound(_("No such transfer in this project."))
                ledger.reverse(
                    tid, key=key, actor=ledger_actor(request),
                    reason=request.POST.get("reason", ""), project=project,
                )  # fmt: skip
            else:
                raise NotFound(_("Unknown action."))
        except ValueError:
            error = _("Check the numbers and the date (YYYY-MM-DD).")
        except TallytaleError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Recorded."))
            return redirect("web:ledger", slug=project.slug)
    return render(
        request,
        "web/ledger.html",
        {
            "project": project,
            "error": error,
            "key": str(uuid.uuid4()),
            "partners": Organisation.objects.filter(project=project).order_by("name"),
            "transfers": _project_transfers(project),
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@project_view("ledger.correct")
def import_contributions(request: HttpRequest, project: Project) -> HttpResponse:
    """Import hours from CSV: a preview first (a dry run rolled back), then the real import.

    Every problem is listed with its line; a repeated import writes nothing twice (each row
    has a key derived from its content).
    """
    text = ""
    errors: list[str] = []
    preview = None
    done = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        confirm = request.POST.get("confirm") == "1"
        try:
            text = importers.decode(upload.read()) if upload else request.POST.get("text", "")
            if confirm:
                done = importers.import_contributions(
                    text, project.slug, actor=ledger_actor(request)
                )
            else:
                preview = _dry_run(text, project, request)
        except importers.ImportFailed as exc:
            errors = list(getattr(exc, "errors", None) or [str(exc)])
        except TallytaleError as exc:
            errors = [str(exc)]
    return render(
        request,
        "web/import.html",
        {
            "project": project,
            "text": text,
            "errors": errors,
            "preview": preview,
            "rows": [ln.split(",") for ln in text.splitlines()[:21]] if preview else [],
            "done": done,
            "header": ",".join(importers.HEADER),
        },
        status=400 if errors else 200,
    )


class _Rollback(Exception):
    pass


def _dry_run(text: str, project: Project, request: HttpRequest):
    """Run the import inside a transaction and roll it back: the preview applies exactly
    the rules the real import will."""
    report = None
    try:
        with transaction.atomic():
            report = importers.import_contributions(text, project.slug, actor=ledger_actor(request))
            raise _Rollback
    except _Rollback:
        pass
    return report


@require_http_methods(["GET", "POST"])
@project_view("survey.manage")
def waves(request: HttpRequest, project: Project) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            opens = request.POST.get("opens_on") or None
            closes = request.POST.get("closes_on") or None
            surveys.create_wave(
                project.slug,
                request.POST.get("name", "").strip(),
                label=request.POST.get("label", "").strip(),
                opens_on=dt.date.fromisoformat(opens) if opens else None,
                closes_on=dt.date.fromisoformat(closes) if closes else None,
            )
        except ValueError:
            error = _("Enter dates as YYYY-MM-DD.")
        except TallytaleError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Wave added."))
            return redirect("web:waves", slug=project.slug)
    return render(
        request,
        "web/waves.html",
        {
            "project": project,
            "waves": Wave.objects.filter(project=project)
            .annotate(n=Count("responses"))
            .order_by("position", "name"),
            "instruments": Instrument.objects.filter(project=project)
            .annotate(n=Count("responses"))
            .order_by("form_id", "-created_at"),
            "error": error,
        },
        status=400 if error else 200,
    )


# --- evaluator -----------------------------------------------------------------------------


def audience_for(user, project: Project) -> str:
    """The widest audience whose exports this user may take: the research team's, else the
    project members' (never original text: exports are always redacted)."""
    if can(user, "story.read_original", project):
        return consent_rules.RESEARCH_TEAM
    return consent_rules.PROJECT


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
        shown = value == 0 or value >= rule.k
        figures.append({"label": label, "value": value if shown else None})
    return render(
        request,
        "web/evaluate.html",
        {
            "project": project,
            "overall": overall,
            "figures": figures,
            "k": rule.k,
            "audience": audience_for(request.user, project),
            "instruments": _latest_instruments(project)
            if can(request.user, "survey.export", project)
            else [],
        },
    )


@reauth_required()
@project_view("story.read_redacted")
def export_project_stories(request: HttpRequest, project: Project, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "json"):
        raise Http404("unknown format")
    audience = audience_for(request.user, project)
    body, _n = export_stories(
        project,
        fmt,
        audience,
        actor_label=f"web:{request.user.get_username()}",
        actor=request.user,
    )
    if fmt == "json":
        import json

        content, ctype = json.dumps(body, ensure_ascii=False, default=str), "application/json"
    else:
        content, ctype = body, "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = (
        f'attachment; filename="stories-{project.slug}-{audience}.{fmt}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@reauth_required()
@project_view("survey.export")
def export_survey(request: HttpRequest, project: Project, instrument_id: int) -> HttpResponse:
    instrument = Instrument.objects.filter(project=project, pk=instrument_id).first()
    if instrument is None:
        raise Http404("no such survey")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "export.csv"
        surveys.export_responses(
            instrument,
            "csv",
            out,
            actor_label=f"web:{request.user.get_username()}",
            user=request.user,
        )
        body = out.read_bytes()
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{project.slug}-{instrument.form_id}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    return response

"""Ledger pages: logging hours (and its offline twin), ledger entry and corrections,
partner budgets, and the contributions import with its preview.

Each view declares the capability it enforces (`project_view`); every change goes through
`ledger.services`, and the views only translate HTTP. URL names stay in the `web`
namespace (`web:hours`, `web:ledger`, ...), routed by `tallytale.web.urls`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from tallytale import offline
from tallytale.core import ledger as ledger_rules
from tallytale.core.textsafe import csv_text
from tallytale.errors import InputErrors, NotFound, TallytaleError
from tallytale.programmes.models import Membership, Organisation, Person, Project
from tallytale.programmes.permissions import Actor, can, project_view
from tallytale.programmes.read import participant_codes
from tallytale.programmes.services import get_member, get_partner_in
from tallytale.uploads import pages as uploads
from tallytale.uploads import services as stored_uploads
from tallytale.uploads.handlers import accepts_upload

from . import batch, directory, importers, tasks
from . import services as ledger
from .models import Transfer


def ledger_actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request)


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
        if self.errors:
            self.check_names()  # every mistake at once; a right entry leaves this to the ledger

    def check_names(self) -> None:
        """Say which of the member and the partner is unknown here. The ledger service looks
        both up within the project anyway, so an entry that is otherwise right pays for
        these queries only when the service refused a name."""
        if (
            self.member
            and not Membership.objects.filter(
                project=self.project, person__code=self.member
            ).exists()
        ):
            self.errors["member"] = _("No member with that code in this project.")
        if not Organisation.objects.filter(
            project=self.project, slug=self.partner, kind__in=["earning", "both"]
        ).exists():
            self.errors["partner"] = _("Choose where the time was given.")

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
                form.check_names()
                if not form.errors:
                    form.errors["form"] = str(exc)
            else:
                names = can(request.user, "people.manage", project)
                messages.success(request, directory.recorded_message(t, names=names))
                return redirect(f"{request.path}?saved={t.pk}")
        status = 400
    return render(
        request,
        "ledger/hours.html",
        {
            "project": project,
            "form": form,
            "key": str(uuid.uuid4()),
            "partners": earning_partners(project),
            "members": member_choices(project)
            if can(request.user, "people.manage", project)
            else [(code, code) for code in participant_codes(project)],
            "today": timezone.localdate().isoformat(),
        },
        status=status,
    )


@require_POST
@project_view("ledger.record", sign_in=False)
def sync_hours(request: HttpRequest, project: Project) -> JsonResponse:
    """The hours form's offline twin: the same input and save, answered in JSON."""
    offline.idempotency_key(request)
    form = HoursInput(request.POST, project)
    if form.errors:
        return offline.invalid(form.errors)
    replay = Transfer.objects.filter(idempotency_key=form.ledger_key).exists()
    try:
        t = form.save(request)
    except TallytaleError as exc:
        form.check_names()
        return offline.invalid(form.errors or {"form": str(exc)})
    # the ledger returns the first transfer for a repeated key and writes nothing
    return offline.ok("duplicate" if replay else "saved", id=t.pk)


@require_POST
@project_view("ledger.correct")
def budget(request: HttpRequest, project: Project) -> HttpResponse:
    """Issue credits to a partner's budget (from the members page)."""
    partner = request.POST.get("partner", "")
    if not Organisation.objects.filter(project=project, slug=partner).exists():
        raise Http404(_("no such partner"))
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


def _ledger_post(request: HttpRequest, project: Project) -> Transfer:
    """One ledger entry or reversal from the ledger page's forms (the service checks the
    actor; the members and partners it names are looked up within this project)."""
    action = request.POST.get("action")
    key = f"web:{action}:{request.POST.get('idempotency_key') or uuid.uuid4()}"
    member = request.POST.get("member", "").strip()
    amount = request.POST.get("amount", "").strip()
    category = request.POST.get("category", "").strip()[:80]
    day_text = request.POST.get("day") or ""
    day = dt.date.fromisoformat(day_text) if day_text else None
    actor = ledger_actor(request)
    if action in ("earn", "spend", "gift"):
        get_member(project, member)
    if action in ("earn", "spend"):
        get_partner_in(project, request.POST.get("partner", ""))
    if action == "earn":
        return ledger.earn(
            member, request.POST["partner"], amount, day=day, category=category, key=key,
            actor=actor, project=project,
        )  # fmt: skip
    if action == "spend":
        return ledger.spend(
            member, request.POST["partner"], amount, day=day, category=category, key=key,
            actor=actor, project=project,
        )  # fmt: skip
    if action == "gift":
        return ledger.gift(
            member, request.POST.get("to", "").strip(), amount, day=day, category=category,
            key=key, actor=actor, project=project,
        )  # fmt: skip
    if action == "reverse":
        tid = int(request.POST.get("transfer", "0"))
        if not Transfer.objects.filter(
            Q(debit__project=project) | Q(credit__project=project), pk=tid
        ).exists():
            raise NotFound(_("No such transfer in this project."))
        return ledger.reverse(
            tid, key=key, actor=actor, reason=request.POST.get("reason", ""), project=project
        )
    raise NotFound(_("Unknown action."))


@require_http_methods(["GET", "POST"])
@project_view("ledger.correct")
def ledger_page(request: HttpRequest, project: Project) -> HttpResponse:
    """The whole ledger, filtered and paged, with entry (earn, spend, gift) and a reversal
    on every row. After a refused entry the form keeps what was typed."""
    error = filter_error = ""
    if request.method == "POST":
        try:
            t = _ledger_post(request, project)
        except ValueError:
            error = _("Check the numbers and the date (YYYY-MM-DD).")
        except TallytaleError as exc:
            error = str(exc)
        else:
            messages.success(request, directory.recorded_message(t))
            return redirect("web:ledger", slug=project.slug)
    f = directory.LedgerFilter()
    try:
        f = directory.LedgerFilter.parse(request.GET)
        rows = directory.transfers(ledger_actor(request), project, f)
    except TallytaleError as exc:
        filter_error = str(exc)
        rows = Transfer.objects.none()
    page = directory.page_of(rows, request.GET.get("page"), 50)
    return render(
        request,
        "ledger/ledger.html",
        {
            "project": project,
            "error": error,
            "filter_error": filter_error,
            "post": request.POST if error else {},
            "f": f,
            "query": f.query(),
            "page": page,
            "rows": [
                (t, directory.holder_label(t.debit), directory.holder_label(t.credit)) for t in page
            ],
            "kinds": [k.value for k in ledger_rules.Kind],
            "key": str(uuid.uuid4()),
            "partners": Organisation.objects.filter(project=project).order_by("name"),
            "members": member_choices(project),
        },
        status=400 if error or filter_error else 200,
    )


def member_choices(project: Project) -> list[tuple[str, str]]:
    """(code, "Ann P. (P000123)") for the project's members, for the forms' lists."""
    return [
        (p.code, directory.person_label(p))
        for p in Person.objects.filter(memberships__project=project, erased_at__isnull=True)
        .select_related("contact")
        .distinct()
        .order_by("code")
    ]


@project_view("ledger.correct")
def ledger_csv(request: HttpRequest, project: Project) -> HttpResponse:
    """The filtered ledger as CSV, by code only (never names or contact details), written
    by the one spreadsheet-safe writer."""
    try:
        f = directory.LedgerFilter.parse(request.GET)
        rows = directory.transfers(ledger_actor(request), project, f)
    except TallytaleError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(
        (csv_text([row], bom=i == 0) for i, row in enumerate(directory.csv_rows(rows))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="ledger-{project.slug}.csv"'
    return response


@accepts_upload("contributions")
@require_http_methods(["GET", "POST"])
@project_view("ledger.correct")
def import_contributions(request: HttpRequest, project: Project) -> HttpResponse:
    """Import hours from CSV: a preview first (a dry run rolled back), then the real import.

    The file (or the pasted rows) is kept in private storage and the confirm form names it
    by id. Every problem is listed with its line; a repeated import writes nothing twice
    (each row has a key derived from its content).
    """
    state = uploads.empty_state()
    pasted = ""
    if request.method == "POST":
        pasted = request.POST.get("text", "")

        def run(path):
            return importers.import_contributions(
                importers.read_table(path), project.slug, actor=ledger_actor(request)
            )

        def start_job(upload):
            return tasks.start_import(actor=ledger_actor(request), project=project, upload=upload)

        upload = None
        try:
            upload = uploads.received(request, project, "contributions")
            if upload is None and pasted:
                upload = stored_uploads.keep_text(
                    pasted, user=request.user, project=project, kind="contributions"
                )
            if upload is None:
                raise InputErrors([_("Choose a file to import.")])
            if request.POST.get("confirm") == "1":
                state.update(uploads.confirm(upload, run, start_job))
            else:
                if uploads.previewable(upload):
                    state["preview"] = uploads.dry_run(lambda: run(upload.file))
                state["rows"] = stored_uploads.first_rows(upload, 21)
                state["upload"] = upload
        except TallytaleError as exc:
            stored_uploads.discard(upload)
            state["errors"] = uploads.errors_of(exc)
            state["too_big"] = getattr(request, "upload_too_big", False)
    if queued := uploads.job_page(project, state):
        return queued
    return render(
        request,
        "ledger/import.html",
        {
            "project": project,
            "text": pasted,
            "header": ",".join(importers.HEADER),
            **state,
        },
        status=uploads.status_of(state),
    )


class RegisterInput:
    """The register's fields: one session (partner, date, activity, hours) and who came,
    ticked from the list or typed as codes or card numbers. Every problem is named at once;
    `ops` are the ledger batch's items, keyed by the form's key and each attendee so a
    form sent twice records nothing twice."""

    def __init__(self, data, project: Project):
        self.project = project
        self.partner = (data.get("partner") or "").strip()
        self.day_text = (data.get("day") or "").strip()
        self.activity = (data.get("activity") or "").strip()[:80]
        self.hours = (data.get("hours") or "").strip()
        self.typed = (data.get("cards") or "")[:5000]
        self.ticked = [c.strip() for c in data.getlist("attendee") if c.strip()][:2000]
        self.key = (data.get("idempotency_key") or "").strip()[:80] or str(uuid.uuid4())
        self.errors: dict[str, str] = {}
        self.attendees: list[Person] = []
        if not earning_partners(project).filter(slug=self.partner).exists():
            self.errors["partner"] = _("Choose where the session was held.")
        try:
            self.day = dt.date.fromisoformat(self.day_text) if self.day_text else None
        except ValueError:
            self.errors["day"] = _("Enter the date as YYYY-MM-DD.")
        try:
            if Decimal(self.hours) <= 0:
                raise InvalidOperation
            self.minutes = ledger_rules.to_minutes(self.hours, "hours")
        except InvalidOperation:
            self.errors["hours"] = _("Enter the hours as a number, e.g. 1.5")
        except ledger_rules.LedgerError as exc:
            self.errors["hours"] = str(exc)
        self._find_attendees()

    def _find_attendees(self) -> None:
        typed = [c for c in self.typed.replace(",", " ").replace(";", " ").split() if c]
        wanted = list(dict.fromkeys([*self.ticked, *typed]))
        if not wanted:
            self.errors["attendees"] = _("Tick who came, or type their card numbers.")
            return
        found = {
            key: p
            for p in Person.objects.filter(
                Q(code__in=wanted) | Q(card_code__in=wanted),
                memberships__project=self.project,
                erased_at__isnull=True,
            ).distinct()
            for key in (p.code, p.card_code)
            if key
        }
        unknown = [c for c in wanted if c not in found]
        if unknown:
            self.errors["attendees"] = _("Not members of this project: %(codes)s") % {
                "codes": ", ".join(unknown[:20])
            }
        self.attendees = list({found[c].pk: found[c] for c in wanted if c in found}.values())

    def ops(self) -> list[batch.Op]:
        return [
            batch.Op(
                kind="earn",
                person=p.code,
                minutes=self.minutes,
                key=f"web:register:{self.key}:{p.code}",
                partner=self.partner,
                day=self.day,
                category=self.activity,
            )
            for p in self.attendees
        ]


def _batch_problems(exc: InputErrors, codes: list[str]) -> list[str]:
    """A refused batch's problems, each named by the attendee's code (at most ten)."""
    items = exc.errors if isinstance(exc.errors, list) else [str(exc)]
    out = []
    for item in items[:10]:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], int):
            where = codes[item[0]] if 0 <= item[0] < len(codes) else str(item[0])
            out.append(f"{where}: {item[1]}")
        else:
            out.append(str(item))
    return out


@require_http_methods(["GET", "POST"])
@project_view("ledger.record")
def register(request: HttpRequest, project: Project) -> HttpResponse:
    """A register for a group session: one form records the same hours for everyone who
    came, as one batch (all or nothing; sending it again records nothing twice)."""
    form = None
    status = 200
    if request.method == "POST":
        form = RegisterInput(request.POST, project)
        if not form.errors:
            try:
                result = batch.record_batch(
                    form.ops(), actor=ledger_actor(request), project=project
                )
            except InputErrors as exc:
                names = [p.code for p in form.attendees]
                form.errors["form"] = "; ".join(_batch_problems(exc, names))
            except TallytaleError as exc:
                form.errors["form"] = str(exc)
            else:
                n = len(form.attendees) - result.skipped
                text = ngettext(
                    "Recorded %(hours)s hours for %(n)s person at %(partner)s "
                    "(%(skipped)s already recorded).",
                    "Recorded %(hours)s hours for %(n)s people at %(partner)s "
                    "(%(skipped)s already recorded).",
                    n,
                )
                partner = get_partner_in(project, form.partner).name
                messages.success(
                    request,
                    text
                    % {"hours": form.hours, "n": n, "partner": partner, "skipped": result.skipped},
                )
                return redirect("web:register", slug=project.slug)
        status = 400
    names = can(request.user, "people.manage", project)
    return render(
        request,
        "ledger/register.html",
        {
            "project": project,
            "form": form,
            "key": form.key if form is not None else str(uuid.uuid4()),
            "partners": earning_partners(project),
            "members": member_choices(project)
            if names
            else [(code, code) for code in participant_codes(project)],
            "ticked": set(form.ticked) if form is not None else set(),
            "today": timezone.localdate().isoformat(),
        },
        status=status,
    )

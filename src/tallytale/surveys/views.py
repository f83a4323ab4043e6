"""Web entry: a mobile-first form rendered on the server from the instrument.

Works without JavaScript: every question is shown; on submit the server applies
`relevant` (answers to irrelevant questions are dropped), `required` and `constraint`
with the same rules as imports, and shows the form again with each problem beside its
question. Participants answer for themselves; researchers and coordinators
(`survey.enter`) can answer on behalf of a participant, recorded as `entered_by`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tallytale import offline
from tallytale.accounts.reauth import reauth_required
from tallytale.errors import AlreadyExists, InputErrors, TallytaleError
from tallytale.programmes.models import Membership, Organisation, Person, Project
from tallytale.programmes.permissions import (
    SIGNED_IN,
    Actor,
    can,
    declares,
    project_view,
    projects_where,
    require,
)
from tallytale.surveys import responses as surveys_responses
from tallytale.uploads import pages as uploads
from tallytale.uploads.handlers import accepts_upload

from . import importers as survey_importers
from . import services, tasks
from .models import Instrument, Response, Wave
from .spec import FormSpec, QuestionSpec, pick_label
from .xlsform import language_code

DEFAULT_REPEATS = 2
MAX_REPEATS = 20
TEXT_INPUTS = {
    "integer": ("number", "1"),
    "decimal": ("number", "any"),
    "date": ("date", ""),
    "datetime": ("datetime-local", ""),
    "time": ("time", ""),
    "text": ("text", ""),
    "geopoint": ("text", ""),
    "email": ("email", ""),
}


def form_language(spec: FormSpec, code: str | None = None) -> str:
    """The form language (e.g. 'Cymraeg (cy)') matching the request language code."""
    code = (code or get_language() or "en").split("-")[0].lower()
    for name in spec.languages:
        if language_code(name) == code:
            return name
    return spec.default_language


@declares(SIGNED_IN)
@login_required
def index(request: HttpRequest) -> HttpResponse:
    projects = projects_where(request.user, "survey.respond")
    return render(
        request, "surveys/index.html", {"instruments": services.latest_instruments(projects)}
    )


def _repeat_count(request: HttpRequest, q: QuestionSpec) -> int:
    count = q.parameters.get("repeat_count") or ""
    try:
        n = int(request.POST.get(f"n:{q.path}") or count or DEFAULT_REPEATS)
    except ValueError:
        n = DEFAULT_REPEATS
    return max(1, min(MAX_REPEATS, n))


def answers_from_post(request: HttpRequest, spec: FormSpec) -> dict[str, Any]:
    """The answers in a posted survey form; shared with the offline sync endpoint so both read
    a form the same way."""
    answers: dict[str, Any] = {}
    for q in spec.top_level:
        if q.type == "repeat":
            instances = []
            for i in range(1, _repeat_count(request, q) + 1):
                inst = {}
                for c in spec.children_of_repeat(q.path):
                    if c.takes_answer:
                        inst[c.path] = _field(request, f"q:{q.path}[{i}]:{c.path}", c)
                instances.append(inst)
            answers[q.path] = instances
        elif q.takes_answer and q.type != "calculate":
            answers[q.path] = _field(request, f"q:{q.path}", q)
    return answers


def _field(request: HttpRequest, name: str, q: QuestionSpec) -> str:
    if q.type == "select_multiple":
        return " ".join(request.POST.getlist(name))
    value = request.POST.get(name, "").strip()
    if q.type == "datetime" and value and len(value) == 16:
        value += ":00"
    return value


def _items(
    spec: FormSpec, lang: str, answers: dict[str, Any], errors: dict[str, str], request: HttpRequest
) -> list[dict]:
    """A flat list for the template: group open/close markers and questions."""
    items: list[dict] = []
    open_groups: list[str] = []

    def close_until(parent: str) -> None:
        while open_groups and not (
            parent == open_groups[-1] or parent.startswith(open_groups[-1] + "/")
        ):
            open_groups.pop()
            items.append({"kind": "close"})

    def label(d: dict[str, str]) -> str:
        return pick_label(d, lang, spec.default_language)

    def question(q: QuestionSpec, name: str, value: Any, error_key: str) -> dict:
        item: dict[str, Any] = {
            "kind": "question",
            "type": q.type,
            "name": name,
            "id": "f-"
            + name.replace(":", "-").replace("/", "-").replace("[", "-").replace("]", ""),
            "label": label(q.label) or q.name,
            "hint": label(q.hint),
            "required": q.required,
            "error": errors.get(error_key, ""),
            "value": value if value is not None else q.default,
            "unchecked": bool(q.unevaluated),
        }
        if q.type in ("select_one", "select_multiple"):
            chosen = str(item["value"] or "").split()
            item["options"] = [
                {
                    "value": n,
                    "label": label(lab) or n,
                    "checked": n in chosen,
                    "id": f"{item['id']}-{i}",
                }
                for i, (n, lab, _) in enumerate(q.choices)
            ]
            item["widget"] = "radio" if q.type == "select_one" else "checkbox"
        elif q.type == "range":
            item["widget"] = "input"
            item["input_type"] = "number"
            item["min"] = q.parameters.get("start", "1")
            item["max"] = q.parameters.get("end", "10")
            item["step"] = q.parameters.get("step", "1")
        elif q.type == "note":
            item["widget"] = "note"
        elif q.type == "acknowledge":
            item["widget"] = "acknowledge"
        elif q.type == "text" and "multiline" in q.appearance:
            item["widget"] = "textarea"
        else:
            item["widget"] = "input"
            item["input_type"], item["step"] = TEXT_INPUTS.get(q.type, ("text", ""))
            if q.type == "geopoint":
                item["hint"] = item["hint"] or _("Latitude and longitude, e.g. 51.68 -4.16")
            if q.type == "datetime" and isinstance(item["value"], str):
                item["value"] = item["value"][:16]
        return item

    for q in spec.top_level:
        close_until(q.parent_path)
        if q.type == "group":
            items.append({"kind": "open", "legend": label(q.label)})
            open_groups.append(q.path)
            continue
        if q.type == "repeat":
            n = _repeat_count(request, q)
            given = answers.get(q.path) or []
            for i in range(1, n + 1):
                inst = given[i - 1] if i <= len(given) else {}
                items.append({"kind": "open", "legend": f"{label(q.label) or q.name} {i}"})
                for c in spec.children_of_repeat(q.path):
                    if c.type in ("group", "repeat", "calculate") or not (
                        c.takes_answer or c.type == "note"
                    ):
                        continue
                    items.append(
                        question(
                            c,
                            f"q:{q.path}[{i}]:{c.path}",
                            inst.get(c.path),
                            f"{q.path}[{i}]:{c.path}",
                        )
                    )
                items.append({"kind": "close"})
            items.append({"kind": "repeat_count", "name": f"n:{q.path}", "value": n})
            continue
        if q.type == "calculate" or (not q.takes_answer and q.type != "note"):
            continue
        if q.type in (
            "start",
            "end",
            "today",
            "deviceid",
            "username",
            "audit",
            "hidden",
            "xml-external",
            "csv-external",
        ):
            continue
        items.append(question(q, f"q:{q.path}", answers.get(q.path), q.path))
    close_until("")
    return items


def _participants(request: HttpRequest, instrument: Instrument) -> list[Person]:
    ids = Membership.objects.filter(project=instrument.project, role="participant").values_list(
        "person_id", flat=True
    )
    return list(Person.objects.filter(pk__in=ids, erased_at__isnull=True).order_by("code"))


def respondent_and_wave(
    user: Any,
    project: Project,
    on_behalf: bool,
    participant_code: str,
    waves: list[Wave],
    wave_name: str,
) -> tuple[Person | None, Wave | None, dict[str, str]]:
    """Whose answers these are and for which wave, with an error per field.

    The same rules for the survey form and for answers queued offline and synced later:
    someone entering on behalf (`survey.enter`) may name a participant of this project;
    otherwise the answers are the user's own. A project with waves needs one chosen.
    """
    errors: dict[str, str] = {}
    me = getattr(user, "person", None)
    person = me
    if participant_code and on_behalf:
        person = Person.objects.filter(code=participant_code, erased_at__isnull=True).first()
        if person is None or not Membership.objects.filter(person=person, project=project).exists():
            person = None
            errors["participant"] = _("No participant with that code in this project.")
    elif on_behalf and not participant_code and me is None:
        errors["participant"] = _("Choose the participant you are entering answers for.")
    wave = next((w for w in waves if w.name == wave_name), None)
    if waves and wave is None:
        errors["wave"] = _("Choose a wave.")
    return person, wave, errors


def partner_respondent(
    project: Project, on_behalf: bool, slug: str, contact_name: str, participant_code: str
) -> tuple[Organisation | None, dict[str, str]]:
    """The partner organisation whose answers these are (entered on its behalf by the
    research team, `survey.enter`), looked up within this project only, with an error per
    field. No slug: not a partner's response."""
    if not slug:
        return None, {}
    errors: dict[str, str] = {}
    org = Organisation.objects.filter(project=project, slug=slug).first()
    if not on_behalf:
        errors["organisation"] = _(
            "Only the research team can enter a partner organisation's answers."
        )
    elif org is None:
        errors["organisation"] = _("No partner organisation with that name in this project.")
    elif participant_code:
        errors["organisation"] = _("Choose a participant or a partner organisation, not both.")
    if not " ".join(contact_name.split()):
        errors["contact_name"] = _("Name the contact who answered for the organisation.")
    return (org if not errors else None), errors


@declares("survey.respond")
@login_required
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = get_object_or_404(Instrument.objects.select_related("project"), pk=instrument_id)
    project = instrument.project
    on_behalf = can(request.user, "survey.enter", project)
    if not on_behalf:
        require(request.user, "survey.respond", project)
    spec = services.spec_for(instrument)
    lang = form_language(spec)
    waves = list(Wave.objects.filter(project=project).order_by("position", "name"))
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    chosen_wave = (
        request.POST.get("wave") or request.GET.get("wave") or (waves[0].name if waves else "")
    )
    participant_code = request.POST.get("participant", "").strip()
    organisation_slug = request.POST.get("organisation", "").strip()
    contact_name = request.POST.get("contact_name", "").strip()
    if request.method == "POST" and "add_repeat" not in request.POST:
        answers = answers_from_post(request, spec)
        organisation, errors = partner_respondent(
            project, on_behalf, organisation_slug, contact_name, participant_code
        )
        person, wave, more = respondent_and_wave(
            request.user, project, on_behalf, participant_code, waves, chosen_wave
        )
        if organisation_slug and not participant_code:
            more.pop("participant", None)  # a partner's answers name no participant
        errors.update(more)
        if organisation_slug:
            person = None
        elif person is None and "participant" not in errors:
            raise PermissionDenied("survey.respond")
        if not errors:
            try:
                surveys_responses.submit_response(
                    instrument,
                    answers,
                    person=person,
                    organisation=organisation,
                    contact_name=contact_name,
                    wave=wave,
                    entered_by=request.user,
                    entered_by_label=f"web:{request.user.get_username()}",
                    language=lang,
                )
            except InputErrors as exc:
                errors.update({p: m for p, m in exc.errors})
            except TallytaleError as exc:
                errors["form"] = str(exc)
            else:
                messages.success(request, _("Thank you. The answers have been saved."))
                return redirect("surveys:respond", instrument_id=instrument.pk)
    elif request.method == "POST":
        answers = answers_from_post(request, spec)
    context = {
        "instrument": instrument,
        "title": instrument.title or instrument.form_id,
        "items": _items(spec, lang, answers, errors, request),
        "errors": errors,
        "error_count": len(errors),
        "general_error": errors.get("form", ""),
        "waves": waves,
        "chosen_wave": chosen_wave,
        "on_behalf": on_behalf,
        "participants": _participants(request, instrument) if on_behalf else [],
        "participant_code": participant_code,
        "partners": list(Organisation.objects.filter(project=project).order_by("name"))
        if on_behalf
        else [],
        "organisation_slug": organisation_slug,
        "contact_name": contact_name,
        "form_lang": language_code(lang) or "",
    }
    return render(request, "surveys/respond.html", context, status=400 if errors else 200)


def not_found(request: HttpRequest) -> HttpResponse:  # pragma: no cover - placeholder
    raise Http404


# --- coordinator: waves and response imports -----------------------------------------------


@require_http_methods(["GET", "POST"])
@project_view("survey.manage")
def waves(request: HttpRequest, project: Project) -> HttpResponse:
    """The project's waves (add one) and how many responses each wave and survey holds."""
    error = ""
    if request.method == "POST":
        try:
            opens = request.POST.get("opens_on") or None
            closes = request.POST.get("closes_on") or None
            services.create_wave(
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
        "surveys/waves.html",
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


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


@accepts_upload("responses")
@require_http_methods(["GET", "POST"])
@project_view("survey.manage")
def import_responses(request: HttpRequest, project: Project) -> HttpResponse:
    """Survey responses exported from KoboToolbox or ODK Central, for one survey: a preview
    first (the import rolled back), every problem listed with its line, then the import."""
    instruments = services.latest_instruments(project)
    waves = list(Wave.objects.filter(project=project).order_by("position", "name"))
    chosen: dict[str, Any] = {"instrument": None, "wave": None, "create": False}
    mapping: dict[str, Any] = {}
    errors: list[str] = []
    if request.method == "POST":
        chosen["instrument"] = Instrument.objects.filter(
            project=project, pk=_int(request.POST.get("instrument"))
        ).first()
        wave_id = _int(request.POST.get("wave"))
        chosen["wave"] = next((w for w in waves if w.pk == wave_id), None)
        chosen["create"] = request.POST.get("create_participants") == "1" and can(
            request.user, "people.manage", project
        )
        if chosen["instrument"] is None:
            errors.append(_("Choose the survey these responses answer."))
        elif request.POST.get("wave") and chosen["wave"] is None:
            errors.append(_("Choose a wave of this project."))
    label = f"web:{request.user.get_username()}"

    def importer(path: Path):
        instrument = chosen["instrument"]
        spec = services.spec_for(instrument)
        cmap, rows = survey_importers.read_rows(path, spec)
        mapping["questions"] = len(cmap.questions) + len(cmap.one_hot) + len(cmap.repeats)
        mapping["ignored"] = cmap.ignored
        report = surveys_responses.import_responses(
            instrument,
            rows,
            wave=chosen["wave"],
            actor_label=label,
            actor=Actor.from_request(request),
            create_participants=chosen["create"],
        )
        mapping["placeholders"] = cmap.placeholders  # known once every row was read
        return report

    def start_job(upload):
        return tasks.start_import(
            actor=Actor.from_request(request), project=project, upload=upload,
            instrument=chosen["instrument"], wave=chosen["wave"], create=chosen["create"],
        )  # fmt: skip

    state = (
        uploads.empty_state(errors)
        if errors
        else uploads.preview_or_import(request, project, "responses", importer, start_job=start_job)
    )
    if queued := uploads.job_page(project, state):
        return queued
    return render(
        request,
        "tallytale/import_file.html",
        {
            "project": project,
            "kind": "responses",
            "title": _("Import survey responses"),
            "instruments": instruments,
            "waves": waves,
            "chosen": chosen,
            "can_create": can(request.user, "people.manage", project),
            "mapping": mapping,
            **state,
        },
        status=uploads.status_of(state),
    )


# --- the offline queue's endpoint ------------------------------------------------------------


@declares("survey.respond")
@require_POST
def sync_survey(request: HttpRequest, instrument_id: int) -> JsonResponse:
    """Where the offline queue posts a response (JSON answer, see `tallytale.offline`)."""
    instrument = get_object_or_404(Instrument.objects.select_related("project"), pk=instrument_id)
    project = instrument.project
    on_behalf = can(request.user, "survey.enter", project)
    if not on_behalf:
        require(request.user, "survey.respond", project)
    key = offline.idempotency_key(request)
    if Response.objects.filter(submission_id=key).exists():
        return offline.ok("duplicate")
    waves = list(Wave.objects.filter(project=project))
    participant_code = request.POST.get("participant", "").strip()
    organisation_slug = request.POST.get("organisation", "").strip()
    contact_name = request.POST.get("contact_name", "").strip()
    organisation, errors = partner_respondent(
        project, on_behalf, organisation_slug, contact_name, participant_code
    )
    person, wave, more = respondent_and_wave(
        request.user, project, on_behalf, participant_code, waves, request.POST.get("wave", "")
    )
    if organisation_slug and not participant_code:
        more.pop("participant", None)  # a partner's answers name no participant
    errors.update(more)
    if organisation_slug:
        person = None
    elif person is None and not errors:
        errors["participant"] = _("Choose the participant you are entering answers for.")
    if errors:
        return offline.invalid(errors)
    spec = services.spec_for(instrument)
    try:
        surveys_responses.submit_response(
            instrument,
            answers_from_post(request, spec),
            person=person,
            organisation=organisation,
            contact_name=contact_name,
            wave=wave,
            entered_by=request.user,
            entered_by_label=f"web:{request.user.get_username()}",
            language=form_language(spec),
            submission_id=key,
        )
    except AlreadyExists:
        return offline.ok("duplicate")
    except InputErrors as exc:
        return offline.invalid(dict(exc.errors))
    except TallytaleError as exc:
        return offline.invalid({"form": str(exc)})
    return offline.ok("saved")


# --- export ---------------------------------------------------------------------------------


@require_POST
@reauth_required()
@project_view("survey.export")
def export_survey(
    request: HttpRequest, project: Project, instrument_id: int, fmt: str
) -> HttpResponse:
    """Queue the export of one survey's responses (CSV, Parquet or SPSS; pseudonymous codes
    only) and send the user to its job's page: a large survey's file takes too long for a
    request. A double click (the same form key) queues one job."""
    from . import exporters

    if fmt not in exporters.FORMATS:
        raise Http404(_("no such format"))
    if not Instrument.objects.filter(project=project, pk=instrument_id).exists():
        raise Http404(_("no such survey"))
    key = request.POST.get("idempotency_key", "")[:64]
    job = tasks.start_export(
        actor=Actor.from_request(request), project=project, instrument_id=instrument_id,
        fmt=fmt, key=f"surveys:{project.pk}:{request.user.pk}:{key}" if key else None,
    )  # fmt: skip
    return redirect("web:job", project.slug, job.pk)

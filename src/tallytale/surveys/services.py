"""The one way to change survey state: instruments, waves, responses.

Views, CLI and importers call these. Each public function that writes runs in one
transaction and raises a `TallytaleError` subclass with a one-line reason on bad input;
response imports raise `InputErrors` carrying every problem, row by row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from tallytale.core.scales import ScaleResult, score_all
from tallytale.errors import AlreadyExists, InputErrors, InvalidInput, NotFound
from tallytale.programmes import permissions
from tallytale.programmes.models import Membership, Person, Project, Role
from tallytale.programmes.permissions import Actor
from tallytale.programmes.services import get_project

from .builtin import BUILTINS
from .models import Answer, Choice, Instrument, Question, Response, ScaleScore, Wave
from .spec import FormSpec
from .xlsform import ParsedForm, parse_xlsform

# Nothing was written; `errors` lists every problem (row and field named).
ImportFailed = InputErrors
# A web/API response failed validation; `errors` lists (question path, problem) pairs.
InvalidResponse = InputErrors


def _invalid_response(errors: list[tuple[str, str]]) -> InputErrors:
    return InputErrors(errors, "; ".join(f"{p}: {m}" for p, m in errors[:5]))


# --- instruments ---------------------------------------------------------------------


@dataclass
class InstrumentSummary:
    instrument: Instrument
    created: bool
    questions: int
    languages: list[str]
    warnings: list[str]
    unsupported: list[str]


def get_instrument(
    form_id: str, project: str | None = None, version: str | None = None
) -> Instrument:
    """The newest version of a form (or the given version), optionally within a project."""
    qs = Instrument.objects.select_related("project").filter(form_id=form_id)
    if project:
        qs = qs.filter(project__slug=project)
    if version:
        qs = qs.filter(version=version)
    found = list(qs.order_by("-created_at", "-id")[:50])
    if not found:
        raise NotFound(
            f"no instrument {form_id!r}" + (f" in project {project!r}" if project else "")
        )
    if len({i.project_id for i in found}) > 1:
        raise InvalidInput(f"instrument {form_id!r} exists in several projects; give --project")
    return found[0]


def _store(
    parsed: ParsedForm, project: Project, builtin: str, source_name: str
) -> InstrumentSummary:
    existing = Instrument.objects.filter(
        project=project, form_id=parsed.form_id, version=parsed.version
    ).first()
    if existing is not None:
        if existing.definition == parsed.definition:
            return InstrumentSummary(
                existing,
                False,
                existing.questions.count(),
                existing.languages,
                parsed.warnings,
                parsed.unsupported,
            )
        raise AlreadyExists(
            f"form {parsed.form_id!r} version {parsed.version!r} is already imported with "
            "different content; change `version` on the settings sheet"
        )
    instrument = Instrument.objects.create(
        project=project,
        form_id=parsed.form_id,
        version=parsed.version,
        title=parsed.title,
        builtin=builtin,
        default_language=parsed.default_language,
        languages=parsed.languages,
        definition=parsed.definition,
        unsupported=parsed.unsupported,
        source_name=source_name[:255],
    )
    Question.objects.bulk_create(
        Question(instrument=instrument, **dataclasses.asdict(q)) for q in parsed.questions
    )
    Choice.objects.bulk_create(
        Choice(instrument=instrument, **dataclasses.asdict(c)) for c in parsed.choices
    )
    return InstrumentSummary(
        instrument,
        True,
        len(parsed.questions),
        parsed.languages,
        parsed.warnings,
        parsed.unsupported,
    )


def import_instrument(
    source: str | Path, project: str, *, actor_label: str = ""
) -> InstrumentSummary:
    """Import an XLSForm (parsed by pyxform) as a new instrument version in a project."""
    proj = get_project(project)
    parsed = parse_xlsform(source)
    with transaction.atomic():
        summary = _store(parsed, proj, "", Path(str(source)).name)
        if summary.created:
            _audit("survey.instrument_import", actor_label, summary.instrument, proj.slug)
    return summary


def install_builtin(key: str, project: str, *, actor_label: str = "") -> InstrumentSummary:
    """Install a built-in instrument (SWEMWBS, ONS4, time-credit outcomes) in a project."""
    if key not in BUILTINS:
        raise NotFound(f"no built-in instrument {key!r}; choose from {', '.join(BUILTINS)}")
    proj = get_project(project)
    parsed = parse_xlsform(BUILTINS[key], name=key)
    with transaction.atomic():
        summary = _store(parsed, proj, key, f"builtin:{key}")
        if summary.created:
            _audit("survey.instrument_install", actor_label, summary.instrument, proj.slug)
    return summary


def _audit(
    action: str, actor_label: str, target: Any, project_slug: str, actor: Any = None, **detail: Any
) -> None:
    from tallytale.audit.services import record

    record(
        action,
        actor_label=actor_label or "system",
        actor=actor,
        target=target,
        project_slug=project_slug,
        **detail,
    )


_SPECS: dict[int, tuple[Any, FormSpec]] = {}


def latest_instruments(projects: Project | Iterable[Project]) -> list[Instrument]:
    """The newest version of each form in a project (or in each of several projects): the
    one people answer now; older versions keep their responses but take no new ones."""
    if isinstance(projects, Project):
        projects = [projects]
    latest: dict[tuple[int, str], Instrument] = {}
    for i in (
        Instrument.objects.filter(project__in=projects)
        .select_related("project")
        .order_by("project__slug", "form_id", "-created_at", "-id")
    ):
        latest.setdefault((i.project_id, i.form_id), i)
    return list(latest.values())


def spec_for(instrument: Instrument) -> FormSpec:
    """The compiled rules of an instrument (cached: instrument versions never change)."""
    cached = _SPECS.get(instrument.pk)
    if cached is not None and cached[0] == instrument.created_at:
        return cached[1]
    questions = list(
        Question.objects.filter(instrument=instrument)
        .order_by("position")
        .values(
            "path",
            "name",
            "type",
            "parent_path",
            "repeat_path",
            "list_name",
            "label",
            "hint",
            "required",
            "relevant",
            "constraint",
            "calculation",
            "choice_filter",
            "constraint_message",
            "required_message",
            "appearance",
            "default",
            "parameters",
            "id",
        )
    )
    choices = (
        Choice.objects.filter(instrument=instrument)
        .order_by("list_name", "position")
        .values("list_name", "name", "label", "extra")
    )
    spec = FormSpec(questions, choices, instrument.default_language, instrument.languages)
    spec.question_ids = {q["path"]: q["id"] for q in questions}  # type: ignore[attr-defined]
    if len(_SPECS) > 64:
        _SPECS.clear()
    _SPECS[instrument.pk] = (instrument.created_at, spec)
    return spec


# --- waves ----------------------------------------------------------------------------


@transaction.atomic
def create_wave(
    project: str,
    name: str,
    *,
    label: str = "",
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    position: int | None = None,
) -> Wave:
    from django.core.validators import validate_slug

    proj = get_project(project)
    try:
        validate_slug(name)
    except Exception:  # noqa: BLE001 - Django's ValidationError, reworded
        raise InvalidInput(
            f"wave name {name!r}: use letters, digits, hyphens or underscores"
        ) from None
    if opens_on and closes_on and closes_on < opens_on:
        raise InvalidInput("a wave cannot close before it opens")
    if Wave.objects.filter(project=proj, name=name).exists():
        raise AlreadyExists(f"wave {name!r} already exists in {proj.slug!r}")
    if position is None:
        position = Wave.objects.filter(project=proj).count()
    return Wave.objects.create(
        project=proj,
        name=name,
        label=label or name,
        opens_on=opens_on,
        closes_on=closes_on,
        position=position,
    )


def get_wave(project: Project, name: str) -> Wave:
    try:
        return Wave.objects.get(project=project, name=name)
    except Wave.DoesNotExist:
        raise NotFound(f"no wave {name!r} in project {project.slug!r}") from None


def list_waves(project: str) -> list[Wave]:
    return list(Wave.objects.filter(project=get_project(project)).order_by("position", "name"))


# --- responses ------------------------------------------------------------------------


def _score_fields(results: list[ScaleResult]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for r in results:
        if r.scale == "swemwbs":
            out["swemwbs_raw"] = r.raw
            out["swemwbs_metric"] = r.value
            out["swemwbs_imputed"] = r.imputed
        else:
            out[f"{r.scale}_score"] = r.value
            out[f"{r.scale}_band"] = r.band
    return out


def _answer_rows(
    spec: FormSpec, clean: Mapping[str, Any]
) -> Iterator[tuple[int, int, str, float | None, dt.date | None]]:
    """(question_id, repeat_index, text, number, date) for each answered question."""
    ids = spec.question_ids  # type: ignore[attr-defined]
    for path, value in clean.items():
        q = spec.by_path[path]
        if q.type == "repeat":
            for i, inst in enumerate(value, start=1):
                for p, v in inst.items():
                    qq = spec.by_path[p]
                    n, d = spec.typed(qq, v)
                    yield ids[p], i, v, n, d
            continue
        n, d = spec.typed(q, value)
        yield ids[path], 0, value, n, d


@dataclass(slots=True)
class _NewResponse:
    """A response about to be bulk-inserted (lighter than a model instance)."""

    instrument_id: int
    project_id: int
    wave_id: int | None
    person_id: int | None
    submission_id: str
    source: str
    language: str
    submitted_at: dt.datetime | None
    entered_by_id: int | None
    entered_by_label: str
    data: Any
    scores: dict[str, Any]
    pk: int | None = None


def _write(
    spec: FormSpec,
    responses: list[Any],
    cleans: list[Mapping[str, Any]],
    scores: list[list[ScaleResult]],
) -> None:
    """Bulk-write responses, their typed answers and SWEMWBS scores with executemany and
    one id look-up per chunk (no per-row ORM saves: this is the import fast path)."""
    ops = connection.ops
    qn = ops.quote_name
    r_table, a_table, s_table = (qn(m._meta.db_table) for m in (Response, Answer, ScaleScore))
    now = ops.adapt_datetimefield_value(timezone.now())
    json_field = Response._meta.get_field("data")
    rows = [
        (
            r.instrument_id,
            r.project_id,
            r.wave_id,
            r.person_id,
            r.submission_id,
            r.source,
            r.language,
            ops.adapt_datetimefield_value(r.submitted_at),
            r.entered_by_id,
            r.entered_by_label,
            ops.adapt_json_value(r.data, json_field.encoder),
            ops.adapt_json_value(r.scores, json_field.encoder),
            now,
        )
        for r in responses
    ]
    with connection.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {r_table} (instrument_id, project_id, wave_id, person_id, submission_id, source, "  # noqa: S608 - names from models
            "language, submitted_at, entered_by_id, entered_by_label, data, scores, created_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
        ids = dict(
            Response.objects.filter(
                submission_id__in=[r.submission_id for r in responses]
            ).values_list("submission_id", "id")
        )
        answer_rows = []
        score_rows = []
        for resp, clean, results in zip(responses, cleans, scores):
            resp.pk = pk = ids[resp.submission_id]
            for qid, idx, text, number, day in _answer_rows(spec, clean):
                answer_rows.append(
                    (
                        pk,
                        qid,
                        idx,
                        text,
                        number,
                        None if day is None else ops.adapt_datefield_value(day),
                    )
                )
            for r in results:
                if r.scale == "swemwbs":  # item scales live in Answer rows and Response.scores
                    score_rows.append((pk, r.scale, r.value, r.raw, r.band, r.imputed))
        if answer_rows:
            cur.executemany(
                f"INSERT INTO {a_table} (response_id, question_id, repeat_index, value_text, value_number, value_date) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s, %s)",
                answer_rows,
            )
        if score_rows:
            cur.executemany(
                f"INSERT INTO {s_table} (response_id, scale, value, raw, band, imputed) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s, %s)",
                score_rows,
            )


def _wave_for(instrument: Instrument, wave: Wave | str | None) -> Wave | None:
    if wave is None or isinstance(wave, Wave):
        if wave is not None and wave.project_id != instrument.project_id:
            raise InvalidInput(f"wave {wave.name!r} belongs to another project")
        return wave
    return get_wave(instrument.project, wave)


def submit_response(
    instrument: Instrument,
    answers: Mapping[str, Any],
    *,
    person: Person,
    wave: Wave | str | None = None,
    entered_by: Any = None,
    entered_by_label: str = "",
    language: str = "",
    submission_id: str | None = None,
) -> Response:
    """Validate and save one response (web entry). Raises InvalidResponse with every
    problem. The person must be a member of the instrument's project."""
    if getattr(entered_by, "is_authenticated", False):
        # a member answers for themselves; the research team enters on others' behalf
        own = getattr(entered_by, "person", None) is not None and entered_by.person.pk == person.pk
        permissions.require(
            entered_by, "survey.respond" if own else "survey.enter", instrument.project
        )
    if submission_id:
        done = Response.objects.filter(submission_id=submission_id).first()
        if done is not None:
            # a retried submission (an offline queue syncing twice) returns the first one
            if done.person_id != person.pk or done.instrument_id != instrument.pk:
                raise AlreadyExists(
                    f"submission {submission_id} is already recorded for another response"
                )
            return done
    spec = spec_for(instrument)
    w = _wave_for(instrument, wave)
    clean, errors = spec.validate(answers)
    if errors:
        raise _invalid_response(errors)
    if not Membership.objects.filter(person=person, project_id=instrument.project_id).exists():
        raise InvalidInput(f"{person.code} is not a member of {instrument.project.slug}")
    results = score_all(spec.scale_answers(clean), spec.names)
    with transaction.atomic():
        sid = submission_id or str(uuid.uuid4())
        if Response.objects.filter(submission_id=sid).exists():
            raise AlreadyExists(f"submission {sid} is already recorded")
        resp = Response(
            instrument=instrument,
            project_id=instrument.project_id,
            wave=w,
            person=person,
            submission_id=sid,
            source="web",
            language=language,
            submitted_at=timezone.now(),
            entered_by=entered_by if getattr(entered_by, "is_authenticated", False) else None,
            entered_by_label=entered_by_label,
            data=clean,
            scores=_score_fields(results),
        )
        _write(spec, [resp], [clean], [results])
    return resp


@dataclass
class RawRow:
    """One submission as read from an export: answers keyed by question path."""

    line: int
    submission_id: str
    participant: str
    submitted_at: str
    answers: dict[str, Any]


@dataclass
class ResponseImportReport:
    rows: int = 0
    written: int = 0
    already_imported: int = 0
    participants_created: int = 0
    notes: list[str] = field(default_factory=list)


def _parse_when(text: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if timezone.is_naive(when):
        when = when.replace(tzinfo=dt.UTC)  # Kobo's _submission_time is UTC
    return when


def import_responses(
    instrument: Instrument,
    rows: Iterable[RawRow],
    *,
    wave: Wave | str | None = None,
    actor_label: str = "",
    actor: Actor | None = None,
    create_participants: bool = False,
    chunk_size: int = 2000,
    check_filters: bool = False,
) -> ResponseImportReport:
    """Import submissions all-or-nothing, idempotent by submission id.

    Rows are validated in chunks; while no problem has been found each chunk is written
    inside the one transaction, and the first problem turns writing off (validation
    continues so every bad row and field is reported) and finally rolls everything back.
    This keeps memory constant for large exports.
    """
    spec = spec_for(instrument)
    report = ResponseImportReport()
    errors: list[str] = []
    seen: set[str] = set()
    project = instrument.project
    with transaction.atomic():
        w = _wave_for(instrument, wave)
        members: dict[str, int] = {}
        chunk: list[RawRow] = []

        def flush() -> None:
            if not chunk:
                return
            codes = {r.participant for r in chunk if r.participant}
            known = dict(
                Membership.objects.filter(
                    project=project, person__code__in=codes, person__erased_at__isnull=True
                )
                .values_list("person__code", "person_id")
                .distinct()
            )
            members.update(known)
            missing = codes - members.keys()
            if missing and create_participants and not errors:
                from tallytale.programmes.services import add_person

                # A code registered in another project is that project's person: an import
                # never brings them here (their own consent or an admin does).
                elsewhere = set(
                    Person.objects.filter(code__in=missing).values_list("code", flat=True)
                )
                for code in sorted(elsewhere):
                    errors.append(
                        f"participant {code!r}: registered in another project, not in "
                        f"{project.slug!r}; nothing was created for them (an admin can add them)"
                    )
                for code in sorted(missing - elsewhere):
                    try:
                        person = add_person(
                            code,
                            project.slug,
                            Role.PARTICIPANT,
                            actor=actor or Actor.cli(actor_label),
                        )
                    except (InvalidInput, AlreadyExists) as exc:
                        errors.append(f"participant {code!r}: {exc}")
                        continue
                    members[code] = person.pk
                    report.participants_created += 1
            ids = [r.submission_id for r in chunk if r.submission_id]
            existing = set(
                Response.objects.filter(submission_id__in=ids).values_list(
                    "submission_id", flat=True
                )
            )
            to_write: list[_NewResponse] = []
            cleans: list[Mapping[str, Any]] = []
            scores: list[list[ScaleResult]] = []
            for r in chunk:
                problems: list[str] = []
                if not r.submission_id:
                    problems.append("field _uuid/instanceID: is empty")
                elif r.submission_id in seen:
                    problems.append(
                        f"field _uuid/instanceID: {r.submission_id} appears twice in the file"
                    )
                seen.add(r.submission_id)
                if not r.participant:
                    problems.append("field participant code: is empty")
                elif r.participant not in members:
                    problems.append(
                        f"field participant code: {r.participant!r} is not a participant of {project.slug}"
                        + ("" if create_participants else " (use --create-participants to add)")
                    )
                clean, errs = spec.validate(r.answers, check_filters=check_filters)
                problems += [f"field {p}: {m}" for p, m in errs]
                if problems:
                    errors.extend(f"row {r.line}, {p}" for p in problems)
                    continue
                if r.submission_id in existing:
                    report.already_imported += 1
                    continue
                if errors:
                    continue
                results = score_all(spec.scale_answers(clean), spec.names)
                to_write.append(
                    _NewResponse(
                        instrument.pk,
                        project.pk,
                        w.pk if w else None,
                        members[r.participant],
                        r.submission_id,
                        "import",
                        "",
                        _parse_when(r.submitted_at),
                        None,
                        actor_label,
                        clean,
                        _score_fields(results),
                    )
                )
                cleans.append(clean)
                scores.append(results)
            if not errors and to_write:
                _write(spec, to_write, cleans, scores)
                report.written += len(to_write)
            chunk.clear()

        for row in rows:
            report.rows += 1
            chunk.append(row)
            if len(chunk) >= chunk_size:
                flush()
                if len(errors) > 10_000:
                    errors.append("… stopped after 10,000 problems")
                    break
        flush()
        if errors:
            raise InputErrors(errors)
        if report.rows == 0:
            raise InputErrors(["the file has a header but no rows"])
        if report.written:
            _audit(
                "survey.responses_import",
                actor_label,
                instrument,
                project.slug,
                rows=report.rows,
                written=report.written,
                wave=w.name if w else "",
            )
    if instrument.unsupported:
        report.notes.append(
            f"{len(instrument.unsupported)} expression(s) in this form are not checked by Tallytale"
        )
    return report


# --- exports --------------------------------------------------------------------------


def export_responses(
    instrument: Instrument,
    fmt: str,
    out: str | Path,
    *,
    actor_label: str,
    user: Any = None,
) -> int:
    """Write every response to the form (all versions) to `out`; returns the row count.

    With a `user`, they need `survey.export` in the instrument's project (the CLI runs as
    the operator). The export is logged, without any answer content.
    """
    from . import exporters

    if fmt not in exporters.FORMATS:
        raise InvalidInput(f"format must be one of {', '.join(exporters.FORMATS)}")
    if user is not None:
        from tallytale.programmes.permissions import require

        require(user, "survey.export", instrument.project)
    path = Path(out)
    if not path.parent.is_dir():
        raise InvalidInput(f"no such directory: {path.parent}")
    n = exporters.export_responses(instrument, spec_for(instrument), fmt, path)
    _audit(
        "survey.responses_export",
        actor_label,
        instrument,
        instrument.project.slug,
        actor=user if getattr(user, "is_authenticated", False) else None,
        format=fmt,
        rows=n,
    )
    return n

"""Survey responses: one response entered on the web or offline (`submit_response`), and
imports of Kobo/ODK exports (`import_responses`): all-or-nothing, idempotent by submission
id, validated in chunks so memory stays flat, every bad row and field reported."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tallytale.core.scales import ScaleResult, score_all
from tallytale.errors import AlreadyExists, InputErrors, InvalidInput
from tallytale.programmes import permissions
from tallytale.programmes.models import Membership, Organisation, Person, Role
from tallytale.programmes.permissions import Actor
from tallytale.surveys.services import _audit, _invalid_response, get_wave, spec_for

from .models import Answer, Instrument, Response, ScaleScore, Wave
from .spec import FormSpec


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
    organisation_id: int | None = None
    contact_name: str = ""


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
            r.organisation_id,
            r.contact_name,
        )
        for r in responses
    ]
    with connection.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {r_table} (instrument_id, project_id, wave_id, person_id, submission_id, source, "  # noqa: S608 - names from models
            "language, submitted_at, entered_by_id, entered_by_label, data, scores, created_at, "
            "organisation_id, contact_name) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
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
            raise InvalidInput(
                _("wave %(wave)s belongs to another project") % {"wave": repr(wave.name)}
            )
        return wave
    return get_wave(instrument.project, wave)


def submit_response(
    instrument: Instrument,
    answers: Mapping[str, Any],
    *,
    person: Person | None = None,
    organisation: Organisation | None = None,
    contact_name: str = "",
    wave: Wave | str | None = None,
    entered_by: Any = None,
    entered_by_label: str = "",
    language: str = "",
    submission_id: str | None = None,
    source: str = "web",
) -> Response:
    """Validate and save one response (web entry, offline sync, OpenRosa clients). Raises InvalidResponse with every
    problem. The respondent is a person, who must be a member of the instrument's project,
    or a partner organisation of that project, answered by its named contact and entered on
    its behalf by the research team (so `survey.enter`)."""
    if (person is None) == (organisation is None):
        raise InvalidInput(_("a response needs a person or a partner organisation (one of them)"))
    if organisation is not None:
        contact_name = " ".join((contact_name or "").split())
        if not contact_name:
            raise InvalidInput(
                _("contact name: say who answered on behalf of %(partner)s")
                % {"partner": organisation.slug}
            )
        if len(contact_name) > 120:
            raise InvalidInput(_("contact name: longer than 120 characters"))
        if organisation.project_id != instrument.project_id:
            raise InvalidInput(
                _("%(organisation)s is not a partner of %(slug)s")
                % {"organisation": organisation.slug, "slug": instrument.project.slug}
            )
        if getattr(entered_by, "is_authenticated", False):
            permissions.require(entered_by, "survey.enter", instrument.project)
    elif getattr(entered_by, "is_authenticated", False):
        # a member answers for themselves; the research team enters on others' behalf
        own = getattr(entered_by, "person", None) is not None and entered_by.person.pk == person.pk
        permissions.require(
            entered_by, "survey.respond" if own else "survey.enter", instrument.project
        )
    if submission_id:
        done = Response.objects.filter(submission_id=submission_id).first()
        if done is not None:
            # a retried submission (an offline queue syncing twice) returns the first one
            if (
                done.person_id != (person.pk if person else None)
                or done.organisation_id != (organisation.pk if organisation else None)
                or done.instrument_id != instrument.pk
            ):
                raise AlreadyExists(
                    _("submission %(submission_id)s is already recorded for another response")
                    % {"submission_id": submission_id}
                )
            return done
    spec = spec_for(instrument)
    w = _wave_for(instrument, wave)
    clean, errors = spec.validate(answers)
    if errors:
        raise _invalid_response(errors)
    if (
        person is not None
        and not Membership.objects.filter(person=person, project_id=instrument.project_id).exists()
    ):
        raise InvalidInput(
            _("%(person)s is not a member of %(slug)s")
            % {"person": person.code, "slug": instrument.project.slug}
        )
    results = score_all(spec.scale_answers(clean), spec.names)
    with transaction.atomic():
        sid = submission_id or str(uuid.uuid4())
        if Response.objects.filter(submission_id=sid).exists():
            raise AlreadyExists(_("submission %(sid)s is already recorded") % {"sid": sid})
        resp = Response(
            instrument=instrument,
            project_id=instrument.project_id,
            wave=w,
            person=person,
            organisation=organisation,
            contact_name=contact_name if organisation is not None else "",
            submission_id=sid,
            source=source,
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
    #: a partner organisation's slug (its responses have no participant) and its contact
    organisation: str = ""
    contact_name: str = ""
    problem: str = ""  # the reader refused the row ("line 7: 31 fields but the header has 30")


@dataclass
class ResponseImportReport:
    rows: int = 0
    written: int = 0
    already_imported: int = 0
    updated: int = 0
    participants_created: int = 0
    organisation_responses: int = 0
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


def _differences(
    stored: Mapping[str, Any],
    instrument: Instrument,
    wave: Wave | None,
    person_id: int | None,
    clean: Mapping[str, Any],
    spec: FormSpec,
    organisation_id: int | None = None,
) -> str:
    """How a stored response differs from the row now imported under its submission id
    ('' when they are the same). Says nothing about another project's response."""
    if stored["project_id"] != instrument.project_id:
        return "another form"
    what = []
    if stored["instrument_id"] != instrument.pk:
        what.append(_("another version of the form"))
    if stored["wave_id"] != (wave.pk if wave else None):
        before = Wave.objects.filter(pk=stored["wave_id"]).values_list("name", flat=True).first()
        what.append(
            _("wave %(before)s, not %(now)s")
            % {"before": repr(before or "(none)"), "now": repr(wave.name if wave else "(none)")}
        )
    if stored["person_id"] != person_id or stored.get("organisation_id") != organisation_id:
        what.append(_("another respondent"))
    old = stored["data"] or {}
    changed = [p for p in spec.by_path if old.get(p) != clean.get(p)]
    if changed:
        shown = ", ".join(changed[:5]) + (" …" if len(changed) > 5 else "")
        what.append(_("different answers (%(shown)s)") % {"shown": shown})
    return "; ".join(what)


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
    update: bool = False,
) -> ResponseImportReport:
    """Import submissions all-or-nothing, idempotent by submission id.

    A submission id already stored with the same form, wave, participant and answers is
    skipped (a re-import). Stored with anything different, it is an error naming the
    line, never a silent skip, unless `update` replaces the stored response (only within
    the same project).

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
        partners: dict[str, int] = {}
        chunk: list[RawRow] = []

        def flush() -> None:
            if not chunk:
                return
            codes = {r.participant for r in chunk if r.participant and not r.organisation}
            # partners are looked up within this project only: a slug of another project's
            # partner is as unknown here as a made-up one
            slugs = {r.organisation for r in chunk if r.organisation}
            partners.update(
                Organisation.objects.filter(project=project, slug__in=slugs).values_list(
                    "slug", "id"
                )
            )
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
                        _(
                            "participant %(code)s: registered in another project, not in "
                            "%(project)s; nothing was created for them (an admin can add them)"
                        )
                        % {"code": repr(code), "project": repr(project.slug)}
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
                        errors.append(
                            _("participant %(code)s: %(exc)s") % {"code": repr(code), "exc": exc}
                        )
                        continue
                    members[code] = person.pk
                    report.participants_created += 1
            ids = [r.submission_id for r in chunk if r.submission_id]
            existing = {
                e["submission_id"]: e
                for e in Response.objects.filter(submission_id__in=ids).values(
                    "id",
                    "submission_id",
                    "project_id",
                    "instrument_id",
                    "wave_id",
                    "person_id",
                    "organisation_id",
                    "data",
                )
            }
            replaced: list[int] = []
            to_write: list[_NewResponse] = []
            cleans: list[Mapping[str, Any]] = []
            scores: list[list[ScaleResult]] = []
            for r in chunk:
                if r.problem:
                    errors.append(r.problem)
                    continue
                problems: list[str] = []
                if not r.submission_id:
                    problems.append(_("field _uuid/instanceID: is empty"))
                elif r.submission_id in seen:
                    problems.append(
                        _("field _uuid/instanceID: %(submission_id)s appears twice in the file")
                        % {"submission_id": r.submission_id}
                    )
                seen.add(r.submission_id)
                contact = " ".join(r.contact_name.split())
                if r.organisation:
                    if r.participant:
                        problems.append(
                            _(
                                "field organisation: a row is answered by a participant or by a partner"
                                " organisation, not both"
                            )
                        )
                    elif r.organisation not in partners:
                        problems.append(
                            _(
                                "field organisation: %(organisation)s is not a partner of %(project)s"
                            )
                            % {"organisation": repr(r.organisation), "project": project.slug}
                        )
                    if len(contact) > 120:
                        problems.append(_("field contact_name: longer than 120 characters"))
                elif not r.participant:
                    problems.append(_("field participant code (or organisation): is empty"))
                elif r.participant not in members:
                    problems.append(
                        _("field participant code: %(code)s is not a participant of %(project)s")
                        % {"code": repr(r.participant), "project": project.slug}
                        + ("" if create_participants else _(" (use --create-participants to add)"))
                    )
                clean, errs = spec.validate(r.answers, check_filters=check_filters)
                problems += [
                    _("field %(field)s: %(problem)s") % {"field": p, "problem": m} for p, m in errs
                ]
                stored = existing.get(r.submission_id)
                if stored is not None and not problems:
                    differs = _differences(
                        stored,
                        instrument,
                        w,
                        None if r.organisation else members[r.participant],
                        clean,
                        spec,
                        organisation_id=partners[r.organisation] if r.organisation else None,
                    )
                    if not differs:
                        report.already_imported += 1
                        continue
                    if not update or stored["project_id"] != project.pk:
                        problems.append(
                            _(
                                "field _uuid/instanceID: %(submission)s is already imported "
                                "with %(differs)s; nothing is overwritten"
                            )
                            % {"submission": r.submission_id, "differs": differs}
                            + (
                                _(" (use --update to replace it)")
                                if stored["project_id"] == project.pk
                                else ""
                            )
                        )
                    else:
                        replaced.append(stored["id"])
                if problems:
                    errors.extend(
                        _("line %(line)s, %(problem)s") % {"line": r.line, "problem": p}
                        for p in problems
                    )
                    continue
                if errors:
                    continue
                results = score_all(spec.scale_answers(clean), spec.names)
                to_write.append(
                    _NewResponse(
                        instrument.pk,
                        project.pk,
                        w.pk if w else None,
                        None if r.organisation else members[r.participant],
                        r.submission_id,
                        "import",
                        "",
                        _parse_when(r.submitted_at),
                        None,
                        actor_label,
                        clean,
                        _score_fields(results),
                        organisation_id=partners[r.organisation] if r.organisation else None,
                        contact_name=contact[:120] if r.organisation else "",
                    )
                )
                report.organisation_responses += bool(r.organisation)
                cleans.append(clean)
                scores.append(results)
            if not errors and to_write:
                if replaced:
                    # the stored answers and scores go with their response (CASCADE)
                    Response.objects.filter(pk__in=replaced, project=project).delete()
                    report.updated += len(replaced)
                _write(spec, to_write, cleans, scores)
                report.written += len(to_write) - len(replaced)
            chunk.clear()

        for row in rows:
            report.rows += 1
            chunk.append(row)
            if len(chunk) >= chunk_size:
                flush()
                if len(errors) > 10_000:
                    errors.append(_("… stopped after 10,000 problems"))
                    break
        flush()
        if errors:
            raise InputErrors(errors)
        if report.rows == 0:
            raise InputErrors([_("the file has a header but no rows")])
        if report.written or report.updated:
            _audit(
                "survey.responses_import",
                actor_label,
                instrument,
                project.slug,
                rows=report.rows,
                written=report.written,
                updated=report.updated,
                wave=w.name if w else "",
            )
    if instrument.unsupported:
        n = len(instrument.unsupported)
        report.notes.append(
            ngettext(
                "%(n)s expression in this form is not checked by Tallytale",
                "%(n)s expressions in this form are not checked by Tallytale",
                n,
            )
            % {"n": n}
        )
    return report

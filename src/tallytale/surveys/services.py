"""The one way to change survey state: instruments, waves, responses.

Views, CLI and importers call these. Each public function that writes runs in one
transaction and raises a `TallytaleError` subclass with a one-line reason on bad input;
response imports raise `InputErrors` carrying every problem, row by row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tallytale.errors import AlreadyExists, InputErrors, InvalidInput, NotFound
from tallytale.programmes.models import Project
from tallytale.programmes.services import get_project

from .builtin import BUILTINS
from .models import Choice, Instrument, Question, Wave
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
        if project:
            raise NotFound(
                _("no instrument %(form_id)s in project %(project)s")
                % {"form_id": repr(form_id), "project": repr(project)}
            )
        raise NotFound(_("no instrument %(form_id)s") % {"form_id": repr(form_id)})
    if len({i.project_id for i in found}) > 1:
        raise InvalidInput(
            _("instrument %(form_id)s exists in several projects; give --project")
            % {"form_id": repr(form_id)}
        )
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
            _(
                "form %(parsed)s version %(version)s is already imported with different"
                " content; change `version` on the settings sheet"
            )
            % {"parsed": repr(parsed.form_id), "version": repr(parsed.version)}
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
        xform=parsed.xform,
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
        raise NotFound(
            _("no built-in instrument %(key)s; choose from %(choices)s")
            % {"key": repr(key), "choices": ", ".join(BUILTINS)}
        )
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


# --- form media -----------------------------------------------------------------------

MAX_MEDIA_BYTES = 20 * 1024 * 1024
_MEDIA_TYPES = {
    b"\x89PNG": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF8": "image/gif",
    b"ID3": "audio/mpeg",
    b"OggS": "audio/ogg",
    b"RIFF": "audio/wav",
}


def add_form_media(instrument: Instrument, source: str | Path, *, actor: Any) -> Any:
    """Keep a media file the form uses (its XForm names `jr://.../<file name>`), replacing
    an earlier file of the same name; ODK Collect sees it in the form's manifest."""
    import hashlib
    import shutil
    import uuid

    from django.conf import settings

    from tallytale.programmes.permissions import require

    from .models import FormMedia

    require(actor, "survey.manage", instrument.project)
    path = Path(source)
    name = path.name
    if not path.is_file():
        raise InvalidInput(_("no such file: %(path)s") % {"path": path})
    if f"/{name}" not in instrument.xform or "jr://" not in instrument.xform:
        raise InvalidInput(
            _("%(name)s: form %(instrument)s does not use a file of that name")
            % {"name": name, "instrument": repr(instrument.form_id)}
        )
    size = path.stat().st_size
    if size == 0 or size > MAX_MEDIA_BYTES:
        raise InvalidInput(
            _("%(name)s: %(size)s bytes; a media file is 1 byte to 20 MB")
            % {"name": name, "size": size}
        )
    with open(path, "rb") as f:
        head = f.read(8)
    kind = next((t for magic, t in _MEDIA_TYPES.items() if head.startswith(magic)), "")
    if not kind and len(head) >= 8 and head[4:8] == b"ftyp":
        kind = "audio/mp4"
    if not kind:
        raise InvalidInput(
            _("%(name)s: not a PNG, JPEG or GIF image or an MP3, OGG, WAV or M4A file")
            % {"name": name}
        )
    rel = Path("forms") / str(instrument.project_id) / uuid.uuid4().hex
    dest = Path(settings.MEDIA_ROOT) / rel
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(path, dest)
    dest.chmod(0o600)
    md5 = hashlib.md5(dest.read_bytes(), usedforsecurity=False).hexdigest()
    with transaction.atomic():
        old = FormMedia.objects.filter(instrument=instrument, filename=name).first()
        if old is not None:
            (Path(settings.MEDIA_ROOT) / old.path).unlink(missing_ok=True)
            old.delete()
        media = FormMedia.objects.create(
            instrument=instrument,
            filename=name,
            path=str(rel),
            size=size,
            md5=md5,
            content_type=kind,
        )
        _audit(
            "survey.form_media",
            getattr(actor, "label", ""),
            instrument,
            instrument.project.slug,
            file=name,
            md5=md5,
        )
    return media


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
            _("wave name %(name)s: use letters, digits, hyphens or underscores")
            % {"name": repr(name)}
        ) from None
    if opens_on and closes_on and closes_on < opens_on:
        raise InvalidInput(_("a wave cannot close before it opens"))
    if Wave.objects.filter(project=proj, name=name).exists():
        raise AlreadyExists(
            _("wave %(name)s already exists in %(proj)s")
            % {"name": repr(name), "proj": repr(proj.slug)}
        )
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
        raise NotFound(
            _("no wave %(name)s in project %(project)s")
            % {"name": repr(name), "project": repr(project.slug)}
        ) from None


def list_waves(project: str) -> list[Wave]:
    return list(Wave.objects.filter(project=get_project(project)).order_by("position", "name"))


# --- exports --------------------------------------------------------------------------


def export_responses(
    instrument: Instrument,
    fmt: str,
    out: str | Path,
    *,
    actor_label: str,
    user: Any = None,
    excel: bool = False,
    warnings: list[str] | None = None,
) -> int:
    """Write every response to the form (all versions) to `out`; returns the row count.
    `excel`: a CSV starts with a UTF-8 byte-order mark; `warnings` collects what the
    format could not hold exactly (labels cut to SPSS's limits, undeclarable missing codes).

    With a `user`, they need `survey.export` in the instrument's project (the CLI runs as
    the operator). The export is logged, without any answer content.
    """
    from . import exporters

    if fmt not in exporters.FORMATS:
        raise InvalidInput(
            _("format must be one of %(choices)s") % {"choices": ", ".join(exporters.FORMATS)}
        )
    if user is not None:
        from tallytale.programmes.permissions import require

        require(user, "survey.export", instrument.project)
    path = Path(out)
    if not path.parent.is_dir():
        raise InvalidInput(_("no such directory: %(parent)s") % {"parent": path.parent})
    n = exporters.export_responses(
        instrument, spec_for(instrument), fmt, path, excel=excel, warnings=warnings
    )
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

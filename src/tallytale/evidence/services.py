"""Evidence reports: the one service that writes (`build_and_record`), and the import path
the shells use for the rest.

The work is split by concept: `claims` (the claim set, custom claims), `pairing` (story
themes, candidates and the numbers beside each story), `report` (the read-only
`build_report` and the typed report model, `model`). `build_and_record` builds (reads
only, outside any transaction), renders, then writes the build log, its audit event and
the custom claims' results in one short transaction.

Audience decides two things: which stories may appear (consent, via `visible_stories`) and
whether disclosure control applies (every audience except `research_team`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.errors import InvalidInput
from tallytale.programmes.models import Project
from tallytale.programmes.services import get_programme

from .claims import (  # noqa: F401  (the import path callers use)
    RULES,
    TOPICS,
    _store_custom_results,
    add_claim,
    asdict_claim,
    custom_claims,
    display,
    list_claims,
    remove_claim,
    rule_for,
    standard_claims,
)
from .model import report_json
from .models import Claim, ReportBuild  # noqa: F401  (Claim: the import path callers use)
from .pairing import EXCERPT_CHARS, ON_THE_FLY_THEME_LIMIT, story_themes  # noqa: F401
from .report import (  # noqa: F401
    FORMATS,
    REPORT_LANGUAGES,
    SCHEMA,
    _build,
    audiences_for,
    build_report,
    build_report_model,
    report_language,
)


@dataclass
class BuiltReport:
    content: bytes
    report: dict[str, Any]
    build: ReportBuild
    filename: str
    content_type: str


CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}


STEPS = 3  # gather, render, record: the stages `build_and_record` reports


def build_and_record(
    *,
    project: str | None = None,
    programme: str | None = None,
    audience: str = "public",
    fmt: str = "html",
    rule: str = "default",
    start: dt.date | None = None,
    end: dt.date | None = None,
    strict: bool = False,
    language: str = "en",
    actor_label: str,
    actor: Any = None,
    within_record: Callable[[BuiltReport], None] | None = None,
    on_step: Callable[[int, int, str], None] | None = None,
) -> BuiltReport:
    """Build, render and log one report (metadata only: who, when, audience, format, sha256).

    Reading and rendering (seconds for a PDF) run outside any transaction: on SQLite every
    transaction takes the write lock at BEGIN (BEGIN IMMEDIATE, see settings), so a build
    inside one made every other writer, a coordinator's ledger entry included, wait and
    then fail with "database is locked". Only the record of the build (the custom claims'
    results, the build log and its audit event) is written, in one short transaction.
    `within_record` runs inside that transaction: a job finishes there, so the build is
    logged exactly when its job turns done (never twice, never a log without a result).
    `on_step(done, total, message)` hears each stage (a job's progress, a terminal's line);
    it is never called inside the transaction. `language` ("en", "cy", "ar") is the
    language of every word the report adds to its people's own (titles, labels, methods);
    the build runs with it active, so the JSON and every format agree.
    """
    from . import render

    if fmt not in FORMATS:
        raise InvalidInput(
            _("unknown format %(fmt)s; choose from %(choices)s")
            % {"fmt": repr(fmt), "choices": ", ".join(FORMATS)}
        )
    if language not in REPORT_LANGUAGES:
        raise InvalidInput(
            _("language: unknown language %(language)s; choose from %(choices)s")
            % {"language": repr(language), "choices": ", ".join(REPORT_LANGUAGES)}
        )
    require_audience(actor, project, programme, audience)
    step = on_step or (lambda done, total, message: None)
    step(
        0,
        STEPS,
        _("gathering the figures and stories for the %(audience)s report") % {"audience": audience},
    )
    with translation.override(language):
        model, custom = _build(project=project, programme=programme, audience=audience,
                               rule=rule, start=start, end=end)  # fmt: skip
        report = report_json(model)
        step(
            1,
            STEPS,
            _("rendering %(n)s claims as %(format)s") % {"n": len(report["claims"]), "format": fmt},
        )
        content = render.render(report, fmt)
    step(2, STEPS, _("recording the build"))
    digest = hashlib.sha256(content).hexdigest()
    slug = report["project"] or report["programme"]
    proj = Project.objects.filter(slug=report["project"]).first() if report["project"] else None
    prog = get_programme(programme) if programme else None
    with transaction.atomic():
        _store_custom_results(custom, report["claims"])
        build = ReportBuild.objects.create(
            project=proj, programme=prog, audience=audience, format=fmt,
            built_by_label=actor_label, built_at=timezone.now(), sha256=digest,
            size_bytes=len(content), claims=len(report["claims"]), stories=len(report["stories"]),
            strict=strict, rule_ok=report["rule_check"]["ok"],
        )  # fmt: skip
        record(
            "evidence.report_build", actor_label=actor_label,
            actor=actor if getattr(actor, "pk", None) else None, target=build,
            project_slug=report["project"] or "", audience=audience, format=fmt, sha256=digest,
            programme=report["programme"] or "",
        )  # fmt: skip
        built = BuiltReport(
            content, report, build,
            f"tallytale-report-{slug}-{audience}{'' if language == 'en' else '-' + language}.{fmt}",
            CONTENT_TYPES[fmt],
        )  # fmt: skip
        if within_record is not None:
            within_record(built)
    return built


def require_audience(actor: Any, project: str | None, programme: str | None, audience: str) -> None:
    """The service checks the audience itself (a shell that forgets cannot leak): a signed-in
    user builds only audiences their role allows, in every project the report covers. The
    command line (no user) is the operator."""
    from tallytale.programmes.permissions import Actor

    user = actor.user if isinstance(actor, Actor) else actor
    if user is None:
        return
    if project:
        covered = list(Project.objects.filter(slug=project))
    else:
        covered = list(Project.objects.filter(programme__slug=programme or ""))
    if not covered or any(audience not in audiences_for(user, p) for p in covered):
        raise PermissionDenied(f"evidence.read ({audience})")

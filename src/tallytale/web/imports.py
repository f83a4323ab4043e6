"""Coordinator imports from a spreadsheet: stories (CSV/XLSX) and survey responses
(CSV/XLSX, as exported by KoboToolbox or ODK Central).

Like the hours import: a preview first (the real import run inside a transaction that is
rolled back, so the preview applies exactly the rules the import will), every problem
listed with its line, then a confirm step that imports the same file. Parsing is the
importers' own (`stories.importers.read_rows`, `surveys.importers.read_rows`); the upload
is written to a temporary directory that is deleted as soon as the request is done. The
file travels back with the confirm form (base64 in a hidden field), so nothing is kept on
the server between the two steps.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tallytale.errors import TallytaleError
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import Actor, can, project_view, require
from tallytale.stories import importers as story_importers
from tallytale.surveys import importers as survey_importers
from tallytale.surveys import services as surveys
from tallytale.surveys.models import Instrument, Wave

from .roles import _latest_instruments

# The file comes back with the confirm form as base64 (4/3 larger), and Django refuses
# form fields over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): larger files go through the CLI.
MAX_UPLOAD_BYTES = 1536 * 1024
SUFFIXES = (".csv", ".xlsx")
XLSX_MAGIC = b"PK\x03\x04"


class _Rollback(Exception):
    pass


class Upload:
    """The uploaded file (or the one sent back by the confirm form), checked for size and
    type. `errors` is empty when it may be handed to an importer."""

    def __init__(self, request: HttpRequest):
        self.errors: list[str] = []
        self.data = b""
        self.suffix = ".csv"
        upload = request.FILES.get("file")
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                self.errors.append(self._too_big())
                return
            name = upload.name or ""
            self.data = upload.read(MAX_UPLOAD_BYTES + 1)
        elif not request.POST.get("data"):
            self.errors.append(_("Choose a file to import."))
            return
        else:
            name = request.POST.get("name", "")
            try:
                self.data = base64.b64decode(request.POST.get("data", ""), validate=True)
            except (binascii.Error, ValueError):
                self.errors.append(_("The file was damaged on the way; choose it again."))
                return
            if request.POST.get("digest") != self.digest:
                self.errors.append(_("The file was damaged on the way; choose it again."))
                return
        if not self.data:
            self.errors.append(_("Choose a file to import."))
            return
        if len(self.data) > MAX_UPLOAD_BYTES:
            self.errors.append(self._too_big())
            return
        self.suffix = Path(name).suffix.lower()
        if self.suffix not in SUFFIXES:
            self.errors.append(_("Choose a .csv or .xlsx file."))
        elif self.suffix == ".xlsx" and not self.data.startswith(XLSX_MAGIC):
            self.errors.append(_("This is not an XLSX workbook. Save it again as .xlsx or .csv."))
        elif self.suffix == ".csv" and (self.data.startswith(XLSX_MAGIC) or b"\x00" in self.data):
            self.errors.append(_("This is not a CSV file. Save the spreadsheet as CSV (UTF-8)."))
        self.name = Path(name).name[:120]

    def _too_big(self) -> str:
        return _(
            "The file is larger than %(mb)s MB. Split it, or import it with the command line."
        ) % {"mb": f"{MAX_UPLOAD_BYTES / 1048576:.1f}"}

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def encoded(self) -> str:
        return base64.b64encode(self.data).decode("ascii")

    def run(self, fn: Callable[[Path], Any]) -> Any:
        """Call `fn` with the file saved in a temporary directory, deleted afterwards."""
        with tempfile.TemporaryDirectory(prefix="tallytale-import-") as tmp:
            path = Path(tmp) / f"upload{self.suffix}"
            path.write_bytes(self.data)
            return fn(path)


def _errors_of(exc: TallytaleError) -> list[str]:
    return [str(e) for e in (getattr(exc, "errors", None) or [str(exc)])]


def _dry_run(fn: Callable[[], Any]) -> Any:
    """Run an import and roll it back, returning its report."""
    report = None
    try:
        with transaction.atomic():
            report = fn()
            raise _Rollback
    except _Rollback:
        pass
    return report


def _handle(request: HttpRequest, importer: Callable[[Path], Any]) -> dict[str, Any]:
    """Preview (dry run) or confirm an upload; the page's state."""
    state: dict[str, Any] = {"errors": [], "preview": None, "done": None, "upload": None}
    if request.method != "POST":
        return state
    upload = Upload(request)
    if upload.errors:
        state["errors"] = upload.errors
        return state
    try:
        if request.POST.get("confirm") == "1":
            state["done"] = upload.run(importer)
        else:
            state["preview"] = upload.run(lambda path: _dry_run(lambda: importer(path)))
            state["upload"] = upload
    except TallytaleError as exc:
        state["errors"] = _errors_of(exc)
    return state


def _render(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(
        request,
        "web/import_file.html",
        context,
        status=400 if context["errors"] else 200,
    )


@require_http_methods(["GET", "POST"])
@project_view("people.manage")
def import_stories(request: HttpRequest, project: Project) -> HttpResponse:
    """Stories collected elsewhere: one row per story, new participants created."""
    require(request.user, "story.collect", project)
    actor = Actor.from_request(request)
    first_rows: list[list[str]] = []

    def importer(path: Path):
        rows = story_importers.read_rows(path)
        first_rows[:] = [cells for _line, cells in rows[:11]]
        return story_importers.import_stories(rows, project.slug, actor=actor)

    state = _handle(request, importer)
    return _render(
        request,
        {
            "project": project,
            "kind": "stories",
            "title": _("Import stories"),
            "columns": ", ".join(story_importers.REQUIRED),
            "optional": ", ".join([*story_importers.OPTIONAL, "sig:…"]),
            "rows": first_rows if state["preview"] else [],
            **state,
        },
    )


@require_http_methods(["GET", "POST"])
@project_view("survey.manage")
def import_responses(request: HttpRequest, project: Project) -> HttpResponse:
    """Survey responses exported from KoboToolbox or ODK Central, for one survey."""
    instruments = _latest_instruments(project)
    waves = list(Wave.objects.filter(project=project).order_by("position", "name"))
    chosen = {"instrument": None, "wave": None, "create": False}
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
        spec = surveys.spec_for(instrument)
        cmap, rows = survey_importers.read_rows(path, spec)
        mapping["questions"] = len(cmap.questions) + len(cmap.one_hot)
        mapping["ignored"] = cmap.ignored
        return surveys.import_responses(
            instrument,
            rows,
            wave=chosen["wave"],
            actor_label=label,
            actor=Actor.from_request(request),
            create_participants=chosen["create"],
        )

    if errors:
        state = {"errors": errors, "preview": None, "done": None, "upload": None}
    else:
        state = _handle(request, importer)
    return _render(
        request,
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
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None

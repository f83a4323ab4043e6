"""Import pages' shared mechanics: the preview by rollback, and the uploaded file's checks.

A preview runs the real import inside a transaction that is rolled back, so it applies
exactly the rules the import will. An uploaded spreadsheet (CSV/XLSX) travels back with
the confirm form (base64 in a hidden field, with its digest), so nothing is kept on the
server between the two steps; it is written to a temporary directory only while an
importer reads it. Every app's import page uses these (this module sits below the apps
and imports none of them).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from tallytale.errors import InputErrors, TallytaleError

T = TypeVar("T")

# The file comes back with the confirm form as base64 (4/3 larger), and Django refuses
# form fields over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): larger files go through the CLI.
MAX_UPLOAD_BYTES = 1536 * 1024
SUFFIXES = (".csv", ".xlsx")
XLSX_MAGIC = b"PK\x03\x04"


class _Rollback(Exception):
    pass


def dry_run(fn: Callable[[], T]) -> T | None:
    """Run `fn` (an import) in a transaction and roll it back, returning its report."""
    report = None
    try:
        with transaction.atomic():
            report = fn()
            raise _Rollback
    except _Rollback:
        pass
    return report


def errors_of(exc: TallytaleError) -> list[str]:
    """The problems to list on a page: every one of an `InputErrors`, else the message."""
    if isinstance(exc, InputErrors):
        return exc.messages()
    return [str(exc)]


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


def empty_state(errors: list[str] | None = None) -> dict[str, Any]:
    """An import page's state before (or instead of) handling a file."""
    return {"errors": errors or [], "preview": None, "done": None, "upload": None}


def preview_or_import(request: HttpRequest, importer: Callable[[Path], Any]) -> dict[str, Any]:
    """Preview (dry run) or confirm an uploaded file; the import page's state."""
    state = empty_state()
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
            state["preview"] = upload.run(lambda path: dry_run(lambda: importer(path)))
            state["upload"] = upload
    except TallytaleError as exc:
        state["errors"] = errors_of(exc)
    return state

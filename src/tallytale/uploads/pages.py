"""Import pages' shared mechanics: the preview by rollback, and the stored upload.

A preview runs the real import inside a transaction that is rolled back, so it applies
exactly the rules the import will. The file itself is streamed into private storage when
it is chosen (`handlers`), recorded as an `Upload`, and the confirm form names it by id:
nothing travels back to the browser. A file larger than TALLYTALE_UPLOAD_PREVIEW_MAX_MB
is previewed by its first rows only (a full dry run would take as long as the import);
its rows are checked on confirm, and the import stays all-or-nothing. A confirmed file
larger than TALLYTALE_IMPORT_JOB_MIN_KB is imported by a background job (the app's
`start_job`), and the page sends the user to that job's progress.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from tallytale.errors import InputErrors, TallytaleError

from . import services
from .handlers import StoredFile
from .models import Upload

T = TypeVar("T")
PREVIEW_ROWS = 11


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


def empty_state(errors: list[str] | None = None) -> dict[str, Any]:
    """An import page's state before (or instead of) handling a file."""
    return {
        "errors": errors or [],
        "preview": None,
        "done": None,
        "upload": None,
        "rows": [],
        "too_big": False,
        "job": None,
    }


def previewable(upload: Upload) -> bool:
    """Whether the preview may run the whole import (rolled back) on this file."""
    return upload.size <= settings.TALLYTALE_UPLOAD_PREVIEW_MAX_MB * 1024 * 1024


def received(request: HttpRequest, project: Any, kind: str) -> Upload | None:
    """The file of this request: newly chosen (kept as an Upload), or named by the confirm
    form's `upload` id; None when the request carries neither. InputErrors says why a
    file is refused (too large, wrong type, not this user's, project's or kind's, expired)."""
    if getattr(request, "upload_too_big", False):
        raise InputErrors([services.too_big_message(kind)])
    chosen = request.FILES.get("file")
    if chosen is not None:
        if not isinstance(chosen, StoredFile):  # a route not marked accepts_upload
            raise InputErrors([_("Choose a file to import.")])
        return services.keep(chosen, user=request.user, project=project, kind=kind)
    if request.POST.get("upload"):
        return services.find(request.POST["upload"], user=request.user, project=project, kind=kind)
    return None


def as_job(upload: Upload) -> bool:
    """Whether confirming this file imports it in a background job rather than the request."""
    return upload.size > settings.TALLYTALE_IMPORT_JOB_MIN_KB * 1024


def confirm(
    upload: Upload, importer: Callable[[Path], Any], start_job: Callable[[Upload], Any] | None
) -> dict[str, Any]:
    """Import a confirmed file: here when small, else queued (`{"job": Job}`)."""
    if start_job is not None and as_job(upload):
        return {"job": start_job(upload)}
    done = importer(upload.file)
    services.consumed(upload)
    return {"done": done}


def job_page(project: Any, state: dict[str, Any]) -> HttpResponse | None:
    """The redirect to the import job's progress page when the confirm queued one."""
    job = state.get("job")
    if job is None:
        return None
    return redirect(reverse("web:job", args=[project.slug, job.pk]))


def summary(report: Any) -> dict[str, int]:
    """An import report's counts, kept on its job for the job's page."""
    return {
        "rows": int(getattr(report, "rows", 0)),
        "written": int(getattr(report, "written", 0)),
        "already_imported": int(getattr(report, "already_imported", 0)),
    }


def preview_or_import(
    request: HttpRequest,
    project: Any,
    kind: str,
    importer: Callable[[Path], Any],
    *,
    start_job: Callable[[Upload], Any] | None = None,
) -> dict[str, Any]:
    """Preview (dry run) or confirm an uploaded file; the import page's state."""
    state = empty_state()
    if request.method != "POST":
        return state
    upload = None
    try:
        upload = received(request, project, kind)
        if upload is None:
            raise InputErrors([_("Choose a file to import.")])
        if request.POST.get("confirm") == "1":
            state.update(confirm(upload, importer, start_job))
        else:
            if previewable(upload):
                state["preview"] = dry_run(lambda: importer(upload.file))
            state["rows"] = services.first_rows(upload, PREVIEW_ROWS)
            state["upload"] = upload
    except TallytaleError as exc:
        services.discard(upload)
        state["errors"] = errors_of(exc)
        state["too_big"] = getattr(request, "upload_too_big", False)
    return state


def status_of(state: dict[str, Any]) -> int:
    """413 for a file over its kind's limit, 400 for any other problem, else 200."""
    if state["too_big"]:
        return 413
    return 400 if state["errors"] else 200

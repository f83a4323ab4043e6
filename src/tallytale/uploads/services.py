"""Keep, find and delete uploaded files (the one way to change `Upload` rows).

`keep` turns the streamed file into an `Upload` after checking its content (not the
browser's claim): a CSV must be text in UTF-8 or Windows-1252 without NUL, an XLSX must be
a zip holding the OOXML workbook parts. `find` gives the preview/confirm step back its
file only for the same user, project and kind, before expiry. `clean` deletes expired and
consumed uploads and any stray partial files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.core.textsafe import TextError, sniff_encoding
from tallytale.errors import InputErrors

from .handlers import INCOMING, StoredFile, incoming_dir, limit_for
from .models import Upload

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 64 * 1024
# Which file types each kind's importer reads.
ACCEPTS = {
    Upload.Kind.CONTRIBUTIONS: (CSV, XLSX),
    Upload.Kind.RESPONSES: (CSV, XLSX),
    Upload.Kind.STORIES: (CSV, XLSX),
}
STALE_PARTS = dt.timedelta(hours=1)


def too_big_message(kind: str) -> str:
    return _("The file is larger than %(mb)s MB. Split it, or import it with the command line.") % {
        "mb": f"{settings.TALLYTALE_UPLOAD_MAX_MB[kind]:g}"
    }


def _chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            yield chunk


def detect(path: Path, name: str, kind: str) -> str:
    """The content type of the file at `path`, from its bytes; InputErrors when it is not
    one `kind` accepts or does not match its name's suffix."""
    suffix = Path(name).suffix.lower()
    with open(path, "rb") as f:
        head = f.read(len(ZIP_MAGIC))
    if not head:
        raise InputErrors([_("Choose a file to import.")])
    accepted = ACCEPTS[kind]
    if suffix not in (".csv", ".xlsx", ".txt") or (suffix == ".xlsx" and XLSX not in accepted):
        raise InputErrors(
            [_("Choose a .csv or .xlsx file.") if XLSX in accepted else _("Choose a .csv file.")]
        )
    if head == ZIP_MAGIC:
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            names = set()
        if suffix != ".xlsx" or not all(p in names for p in XLSX_PARTS):
            raise InputErrors(
                [
                    _("This is not a CSV file. Save the spreadsheet as CSV (UTF-8).")
                    if suffix != ".xlsx"
                    else _("This is not an XLSX workbook. Save it again as .xlsx or .csv.")
                ]
            )
        return XLSX
    if suffix == ".xlsx":
        raise InputErrors([_("This is not an XLSX workbook. Save it again as .xlsx or .csv.")])
    try:
        encoding = sniff_encoding(_chunks(path))
    except TextError as exc:
        raise InputErrors(
            [_("This is not a CSV file. Save the spreadsheet as CSV (UTF-8).") + f" ({exc})"]
        ) from None
    return f"{CSV}; charset={'windows-1252' if encoding == 'cp1252' else 'utf-8'}"


def _expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(hours=settings.TALLYTALE_UPLOAD_EXPIRY_HOURS)


def keep(stored: StoredFile, *, user: Any, project: Any, kind: str) -> Upload:
    """Record the streamed file as an Upload of `kind`, after checking its content; the
    file is deleted (when the request ends) if it is refused."""
    if stored.size > limit_for(kind):
        raise InputErrors([too_big_message(kind)])
    content_type = detect(stored.path, stored.name or "", kind)
    pk = uuid.uuid4()
    rel = f"{project.pk}/{pk.hex}{'.xlsx' if content_type == XLSX else '.csv'}"
    upload = Upload(
        id=pk,
        user=user,
        project=project,
        kind=kind,
        name=Path(stored.name or "upload").name[:120],
        size=stored.size,
        sha256=stored.sha256,
        content_type=content_type,
        path=rel,
        expires_at=_expiry(),
    )
    stored.keep(upload.file)
    try:
        upload.save()
    except BaseException:
        upload.file.unlink(missing_ok=True)
        raise
    return upload


def keep_text(text: str, *, user: Any, project: Any, kind: str) -> Upload:
    """Pasted rows, kept like an uploaded CSV (UTF-8), so confirm refers to them by id."""
    data = text.encode("utf-8")
    part = incoming_dir() / f"{uuid.uuid4().hex}.part"
    part.write_bytes(data)
    stored = StoredFile(part, "pasted.csv", len(data), hashlib.sha256(data).hexdigest(), "")
    try:
        return keep(stored, user=user, project=project, kind=kind)
    finally:
        stored.close()


def find(pk: str, *, user: Any, project: Any, kind: str) -> Upload:
    """The upload the confirm form names, only if it is this user's, in this project, of
    this kind and not expired (else one message, whichever check failed)."""
    try:
        key = uuid.UUID(str(pk))
    except ValueError:
        key = None
    upload = (
        Upload.objects.filter(
            pk=key, user=user, project=project, kind=kind, expires_at__gt=timezone.now()
        ).first()
        if key
        else None
    )
    if upload is None or not upload.file.is_file():
        raise InputErrors([_("This file is no longer available; choose it again.")])
    return upload


def for_job(pk: str, *, job: Any, kind: str) -> Upload:
    """The upload an import job names: only the one its starter chose, in its project."""
    return find(pk, user=job.user, project=job.project, kind=kind)


def consumed(upload: Upload) -> None:
    """Mark the upload imported: `clean` deletes it (a repeated confirm until then imports
    nothing twice, as the importers are idempotent)."""
    if upload.consumed_at is None:
        Upload.objects.filter(pk=upload.pk, consumed_at=None).update(consumed_at=timezone.now())


def discard(upload: Upload | None) -> None:
    """Delete an upload whose import was refused: the user must choose a corrected file."""
    if upload is not None:
        upload.file.unlink(missing_ok=True)
        Upload.objects.filter(pk=upload.pk).delete()


def clean(now: dt.datetime | None = None) -> int:
    """Delete expired and consumed uploads with their files, and partial files older than
    an hour (a request that died mid-upload). Returns how many uploads were deleted."""
    now = now or timezone.now()
    gone = 0
    for upload in Upload.objects.filter(expires_at__lte=now) | Upload.objects.exclude(
        consumed_at=None
    ):
        upload.file.unlink(missing_ok=True)
        upload.delete()
        gone += 1
    root = Path(settings.TALLYTALE_UPLOAD_ROOT) / INCOMING
    if root.is_dir():
        for part in root.glob("*.part"):
            modified = dt.datetime.fromtimestamp(part.stat().st_mtime, tz=dt.UTC)
            if now - modified > STALE_PARTS:
                part.unlink(missing_ok=True)
    return gone


def first_rows(upload: Upload, n: int) -> list[list[str]]:
    """The first `n` rows of the stored file as the importers read them (delimiter and
    encoding found the same way), without loading the rest."""
    from tallytale import tables

    return tables.read_table(upload.file, max_bytes=limit_for(upload.kind)).preview(n)

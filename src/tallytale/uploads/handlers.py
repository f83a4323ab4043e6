"""Stream an import page's file straight into private storage, in Django's chunks.

The handler runs whenever a multipart body is parsed (a middleware may parse it before the
view), so it finds the page's kind from the route itself: views marked with
`accepts_upload(kind)`. Each chunk is hashed, counted against the kind's size limit and
appended to a `.part` file under the private upload root; past the limit the rest of the
body is read and discarded (StopUpload without a reset, so the page can say why) and the
partial file deleted. The file is deleted when the request ends unless the view kept it
(`StoredFile.keep`), so a refused or abandoned upload leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.urls import Resolver404, resolve

ATTRIBUTE = "tallytale_upload_kind"
INCOMING = "incoming"


def accepts_upload(kind: str) -> Callable:
    """Mark a view as taking a file of `kind`: its uploads stream to private storage."""

    def mark(view: Callable) -> Callable:
        setattr(view, ATTRIBUTE, kind)
        return view

    return mark


def limit_for(kind: str) -> int:
    """The size limit in bytes for `kind` (settings.TALLYTALE_UPLOAD_MAX_MB)."""
    return int(settings.TALLYTALE_UPLOAD_MAX_MB[kind] * 1024 * 1024)


def incoming_dir() -> Path:
    path = Path(settings.TALLYTALE_UPLOAD_ROOT) / INCOMING
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


class StoredFile(UploadedFile):
    """A file already in private storage, with its digest; deleted on close unless kept."""

    def __init__(self, path: Path, name: str, size: int, sha256: str, content_type: str):
        super().__init__(open(path, "rb"), name, content_type, size, None)  # noqa: SIM115
        self.path = path
        self.sha256 = sha256
        self.kept = False

    def keep(self, target: Path) -> None:
        """Move the file to `target` (same file system) and stop deleting it on close."""
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.replace(self.path, target)
        self.path = target
        self.kept = True

    def temporary_file_path(self) -> str:
        return str(self.path)

    def close(self) -> None:
        try:
            self.file.close()
        finally:
            if not self.kept:
                self.path.unlink(missing_ok=True)


class PrivateUploadHandler(FileUploadHandler):
    """For routes marked `accepts_upload`: write the file to private storage in chunks."""

    def __init__(self, request: Any = None):
        super().__init__(request)
        self.kind: str | None = None
        try:
            view = resolve(request.path_info).func if request is not None else None
        except Resolver404:
            view = None
        self.kind = getattr(view, ATTRIBUTE, None)
        self.out: Any = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.kind is None:
            return  # not an import page: Django's own handlers take the file
        self.limit = limit_for(self.kind)
        self.size = 0
        self.digest = hashlib.sha256()
        self.part = incoming_dir() / f"{uuid.uuid4().hex}.part"
        self.out = open(self.part, "xb")  # noqa: SIM115 - closed in file_complete
        self.request.upload_too_big = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.out is None:
            return raw_data
        self.size += len(raw_data)
        if self.size > self.limit:
            self.request.upload_too_big = True
            self.upload_interrupted()
            raise StopUpload(connection_reset=False)
        self.digest.update(raw_data)
        self.out.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.out is None:
            return None
        self.out.close()
        self.out = None
        stored = StoredFile(self.part, self.file_name or "", self.size, self.digest.hexdigest(), "")
        return stored

    def upload_interrupted(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None
            self.part.unlink(missing_ok=True)

"""Recordings (video, e.g. in British Sign Language, or audio) kept privately on disk.

Why magic bytes: a browser's declared content type and a file name are whatever the sender
says; the first bytes are what the file is. Files are stored under MEDIA_ROOT/stories with
random names (never the uploaded name), outside anything served as static, and streamed only
by `views.story_media` after an access check. Withdrawal deletes them.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from tallytale.errors import InvalidInput

DEFAULT_MAX_UPLOAD_MB = 200

# ext -> (mime type, media kinds it may carry)
KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "mp4": ("video/mp4", frozenset({"video", "audio"})),
    "m4a": ("audio/mp4", frozenset({"audio"})),
    "webm": ("video/webm", frozenset({"video", "audio"})),
    "ogg": ("audio/ogg", frozenset({"audio", "video"})),
    "mp3": ("audio/mpeg", frozenset({"audio"})),
    "wav": ("audio/wav", frozenset({"audio"})),
}


def max_upload_bytes() -> int:
    return int(getattr(settings, "TALLYTALE_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB)) * 1024 * 1024


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "stories"


def sniff(head: bytes) -> str | None:
    """The container a file really is, from its first bytes, or None if not accepted."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        return "m4a" if brand in (b"M4A ", b"M4B ") else "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if len(head) >= 12 and head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    return None


def check(fileobj: BinaryIO, size: int, medium: str) -> tuple[str, str]:
    """Check size and type; return (extension, mime type) or raise InvalidInput."""
    limit = max_upload_bytes()
    if size <= 0:
        raise InvalidInput(_("the recording is empty"))
    if size > limit:
        raise InvalidInput(
            _("the recording is %(size)s MB; the limit is %(limit)s MB")
            % {"size": f"{size / 1048576:.0f}", "limit": limit // 1048576}
        )
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    ext = sniff(head)
    if ext is None:
        raise InvalidInput(
            _(
                "the recording is not an accepted audio or video file (mp4, webm, ogg, "
                "mp3, wav, m4a)"
            )
        )
    mime, kinds = KINDS[ext]
    if medium not in kinds:
        raise InvalidInput(
            _("a %(ext)s file cannot be a %(medium)s recording") % {"ext": ext, "medium": medium}
        )
    if medium == "audio" and ext in ("webm", "mp4"):
        mime = "audio/" + ext
    if medium == "video" and ext == "ogg":
        mime = "video/ogg"
    return ext, mime


def save(fileobj: BinaryIO, project_id: int, ext: str) -> tuple[str, int]:
    """Copy to a private, randomly named file; return (path relative to MEDIA_ROOT, size)."""
    rel = Path("stories") / str(project_id) / f"{uuid.uuid4().hex}.{ext}"
    dest = Path(settings.MEDIA_ROOT) / rel
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    size = 0
    limit = max_upload_bytes()
    fileobj.seek(0)
    with open(dest, "xb") as out:
        while chunk := fileobj.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                out.close()
                dest.unlink(missing_ok=True)
                raise InvalidInput(
                    _("the recording is larger than %(limit)s MB") % {"limit": limit // 1048576}
                )
            out.write(chunk)
    dest.chmod(0o600)
    return str(rel), size


def path_of(rel: str) -> Path:
    """Absolute path of a stored recording, refusing anything outside MEDIA_ROOT/stories."""
    root = media_root().resolve()
    p = (Path(settings.MEDIA_ROOT) / rel).resolve()
    if root not in p.parents:
        raise InvalidInput("recording path is outside the private media folder")
    return p


def delete(rel: str) -> None:
    """Erase a recording: overwrite then unlink, so a withdrawn recording is not left on disk."""
    if not rel:
        return
    p = path_of(rel)
    try:
        size = p.stat().st_size
        with open(p, "r+b") as f:
            remaining = size
            while remaining > 0:
                n = min(remaining, 1024 * 1024)
                f.write(b"\0" * n)
                remaining -= n
        p.unlink()
    except FileNotFoundError:
        pass

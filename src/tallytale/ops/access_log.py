"""gunicorn's access log without the one-time secrets that travel in URLs.

Sign-in links (`/accounts/link/<token>/`) and invitations (`/accounts/invitation/<token>/`)
carry their secret in the path. An invitation stays valid until it is accepted, so a log
line holding its URL (the request itself, or the Referer of the page's stylesheet) would
let anyone who reads the logs take the invitation. `tallytale serve` runs gunicorn with
this logger class, which replaces such a token with "[redacted]" in every field of every
access-log line; `RedactSecrets`, a logging filter on the app's own log handler, does the
same for Django's messages (e.g. "Bad Request: <path>" when an invitation form is refused).
tests/security/test_access_log.py checks that every route taking a token is covered.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger

SECRET_IN_PATH = re.compile(r"(/accounts/(?:link|invitation)/)[^/?#\s\"]+")


def redact(text: str) -> str:
    return SECRET_IN_PATH.sub(r"\1[redacted]", text)


class RedactingLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}


class RedactSecrets(logging.Filter):
    """Rewrites a record's message without URL tokens (never drops the record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        return True

"""The access log never holds a sign-in link or invitation token (a pending invitation
read from a log line could be taken by whoever reads the logs)."""

from __future__ import annotations

import datetime as dt
import logging
from types import SimpleNamespace

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from gunicorn.config import Config

from tallytale.ops.access_log import RedactingLogger, redact

SECRET = "Zq8tokenNOTlogged7Kx"


def _routes(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _routes(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}", p


def test_every_route_that_takes_a_token_is_redacted():
    with_token = [name for name, p in _routes() if "token" in p.pattern.converters]
    assert {"accounts:link", "accounts:accept"} <= set(with_token)
    for name in with_token:
        url = reverse(name, kwargs={"token": SECRET})
        assert SECRET in url
        assert SECRET not in redact(url), name


def _line(environ: dict) -> str:
    cfg = Config()
    cfg.set("accesslog", "-")
    logger = RedactingLogger(cfg)
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    logger.access_log.handlers = [Keep()]
    resp = SimpleNamespace(status="200 OK", headers=[], sent=123)
    req = SimpleNamespace(headers=[("REFERER", environ.get("HTTP_REFERER", "-"))])
    logger.access(resp, req, environ, dt.timedelta(milliseconds=5))
    assert len(records) == 1
    return records[0]


def test_access_line_has_no_token_in_request_or_referer():
    path = reverse("accounts:accept", kwargs={"token": SECRET})
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + "?next=/",
        "PATH_INFO": path,
        "QUERY_STRING": "next=/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://tallytale.example{reverse('accounts:link', args=[SECRET])}",
        "HTTP_USER_AGENT": "test",
    }
    line = _line(environ)
    assert SECRET not in line
    assert "/accounts/invitation/[redacted]/" in line and "/accounts/link/[redacted]/" in line
    ordinary = _line({**environ, "RAW_URI": "/p/cwm/hours/", "HTTP_REFERER": "-"})
    assert '"GET /p/cwm/hours/ HTTP/1.1" 200' in ordinary


def test_django_request_warnings_carry_no_token():
    """A refused invitation form is logged as "Bad Request: <path>" by Django; the app's log
    handler writes it without the token (the handler's filter is what runs in production)."""
    from django.conf import settings

    from tallytale.ops.access_log import RedactSecrets

    assert settings.LOGGING["handlers"]["console"]["filters"] == ["no_secrets"]
    handler = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    assert any(isinstance(f, RedactSecrets) for f in handler.filters)
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Bad Request: %s",
        (f"/accounts/invitation/{SECRET}/",),
        None,
    )
    assert handler.filter(record)
    assert SECRET not in record.getMessage()
    assert record.getMessage() == "Bad Request: /accounts/invitation/[redacted]/"

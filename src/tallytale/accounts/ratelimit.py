"""A fixed-window limit on form posts per user and address, answered with HTTP 429.

Posts to the paths in settings `RATE_LIMITED_PATHS` (regular expressions: stories,
surveys, hours, community posts, offline sync, password and code confirmation) are
counted per signed-in user (or "anonymous") and client address in windows of
`RATE_LIMIT_WINDOW`; past `RATE_LIMIT_POSTS` in one window the post is refused before the
view runs. The counts live in the database (`RateCounter`), not a per-process cache, so
all app servers share them; a hit is one atomic upsert that returns the new count.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from tallytale.accounts.addresses import client_address

from .models import RateCounter

PRUNE_AFTER = 86400  # seconds: older windows are deleted when a new one starts


@cache
def _patterns(paths: tuple[str, ...]) -> list[re.Pattern]:
    return [re.compile(p) for p in paths]


def hit(key: str, *, seconds: int | None = None, now: float | None = None) -> int:
    """Count one event for `key` in the current window; returns the count so far.

    One statement (an upsert returning the new count; SQLite 3.35+ and PostgreSQL), since
    it runs before every rate-limited post: the window's row is created by the first post
    in it, when older windows are pruned."""
    seconds = seconds or int(settings.RATE_LIMIT_WINDOW.total_seconds())
    window = int((time.time() if now is None else now) // seconds) * seconds
    q = connection.ops.quote_name
    table, k, w, c = q(RateCounter._meta.db_table), q("key"), q("window"), q("count")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({k}, {w}, {c}) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT ({k}, {w}) DO UPDATE SET {c} = {table}.{c} + 1 RETURNING {c}",
            [key, window],
        )
        count = int(cursor.fetchone()[0])
    if count == 1:
        RateCounter.objects.filter(window__lt=window - PRUNE_AFTER).delete()
    return count


def limited(request: HttpRequest) -> bool:
    if request.method != "POST":
        return False
    if not any(p.match(request.path) for p in _patterns(tuple(settings.RATE_LIMITED_PATHS))):
        return False
    user = getattr(request, "user", None)
    who = str(user.pk) if user is not None and user.is_authenticated else "anonymous"
    address = client_address(request)
    return hit(f"post:{who}:{address}") > settings.RATE_LIMIT_POSTS


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if limited(request):
            seconds = int(settings.RATE_LIMIT_WINDOW.total_seconds())
            response = HttpResponse(
                render_to_string(
                    "accounts/rate_limited.html", {"seconds": seconds}, request=request
                ),
                status=429,
            )
            response["Retry-After"] = str(seconds)
            return response
        return self.get_response(request)


def count(key: str, *, seconds: int | None = None, now: float | None = None) -> int:
    """How many events `key` has in the current window (without counting one)."""
    seconds = seconds or int(settings.RATE_LIMIT_WINDOW.total_seconds())
    window = int((time.time() if now is None else now) // seconds) * seconds
    return (
        RateCounter.objects.filter(key=key, window=window).values_list("count", flat=True).first()
        or 0
    )

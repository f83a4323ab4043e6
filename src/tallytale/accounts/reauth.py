"""`reauth_required`: ask for the password again before exports and erasure (ASVS 3.7.1)."""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from .mfa import AUTH_AT


def fresh(request: HttpRequest, max_age: dt.timedelta | None = None) -> bool:
    """Whether the user confirmed their password (or signed in) within `max_age`."""
    max_age = settings.REAUTH_MAX_AGE if max_age is None else max_age
    at = request.session.get(AUTH_AT) if hasattr(request, "session") else None
    return at is not None and time.time() - at <= max_age.total_seconds()


def reauth_required(max_age: dt.timedelta | None = None) -> Callable:
    """Send the user to confirm their password (and authenticator code, if enrolled) when
    their last authentication is older than `max_age` (settings `REAUTH_MAX_AGE`, 10 min).

    A GET comes back to the same address afterwards; a POST cannot be replayed, so the
    user returns to the page they posted from and submits again.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated or fresh(request, max_age):
                return view(request, *args, **kwargs)
            nxt = request.get_full_path()
            if request.method != "GET":
                referer = request.META.get("HTTP_REFERER", "")
                ok = url_has_allowed_host_and_scheme(
                    referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
                )
                nxt = referer if ok else reverse("web:home")
            return redirect(f"{reverse('accounts:confirm')}?{urlencode({'next': nxt})}")

        return wrapper

    return decorate

"""Session lifetime: signed-in sessions end after 30 idle minutes and 12 hours in all.

Shared computers in community centres are the risk this addresses. The limits come from
settings `SESSION_IDLE_TIMEOUT` and `SESSION_ABSOLUTE_TIMEOUT`. The last-seen time is
written at most once a minute so that reading pages does not write the session each time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

STARTED = "tallytale_started"
SEEN = "tallytale_seen"
SEEN_RESOLUTION = 60  # seconds


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            session = request.session
            started = session.get(STARTED)
            seen = session.get(SEEN)
            idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if started is None:
                session[STARTED] = session[SEEN] = now
            elif now - started > absolute or (seen is not None and now - seen > idle):
                logout(request)  # flushes the session and rotates its key
                messages.info(request, _("You were signed out after a period of inactivity."))
            elif seen is None or now - seen >= SEEN_RESOLUTION:
                session[SEEN] = now
        return self.get_response(request)


# Pages a signed-in user can reach before giving their second factor.
MFA_OPEN = {
    "accounts:mfa_verify",
    "accounts:mfa_enrol",
    "accounts:logout",
    "set_language",
    "web:service_worker",
    "web:manifest",
}
MFA_CHECKED = "tallytale_mfa_checked"  # Unix time a user was found not to need MFA
MFA_RECHECK = 300  # seconds: a new coordinator role is enforced within five minutes
ROW_SEEN = "tallytale_row_seen"


class MfaMiddleware:
    """Hold every page until the second factor is given (enrolled users, coordinators and
    admins), sending those without an authenticator to set one up first. Sign-out stays
    open. Also keeps the last-seen time of the user's session list (once a minute)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import urlencode

        from . import mfa, sessions

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not hasattr(request, "session"):
            return None
        session = request.session
        now = int(time.time())
        if now - session.get(ROW_SEEN, 0) >= SEEN_RESOLUTION:
            session[ROW_SEEN] = now
            sessions.seen(session.session_key)
        if not settings.MFA_ENFORCED or session.get(mfa.VERIFIED):
            return None
        match = request.resolver_match
        if match is None or match.view_name in MFA_OPEN or request.path.startswith("/api/"):
            return None
        if now - session.get(MFA_CHECKED, 0) < MFA_RECHECK:
            return None
        if mfa.enrolled(user):
            target = "accounts:mfa_verify"
        elif mfa.role_requires_mfa(user):
            target = "accounts:mfa_enrol"
        else:
            session[MFA_CHECKED] = now
            return None
        nxt = request.get_full_path() if request.method == "GET" else reverse("web:home")
        return redirect(f"{reverse(target)}?{urlencode({'next': nxt})}")


class PreferredLanguageMiddleware:
    """Show every page after sign-in in the person's own language (Welsh Language
    Standards: a recorded preference is used without being asked for again).

    Runs after `LocaleMiddleware` (which picked the language from the cookie or the
    browser) and `AuthenticationMiddleware`: a signed-in person with a chosen language
    gets it, and the language cookie follows, so the page after signing out stays in it
    too. The switch on every page saves the choice (`accounts.views.set_language`), so an
    explicit switch wins. Users without a choice keep what `LocaleMiddleware` chose.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        from tallytale.programmes.language import chosen_language

        user = getattr(request, "user", None)
        code = chosen_language(user) if user is not None else None
        if code is not None and code != getattr(request, "LANGUAGE_CODE", None):
            translation.activate(code)
            request.LANGUAGE_CODE = code
        response = self.get_response(request)
        cookie = settings.LANGUAGE_COOKIE_NAME
        if (
            code is not None
            and request.COOKIES.get(cookie) != code
            and cookie not in response.cookies  # the switch has just set it: it wins
        ):
            response.set_cookie(
                cookie,
                code,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

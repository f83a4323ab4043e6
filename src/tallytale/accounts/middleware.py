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
                messages.info(request, "You were signed out after a period of inactivity.")
            elif seen is None or now - seen >= SEEN_RESOLUTION:
                session[SEEN] = now
        return self.get_response(request)

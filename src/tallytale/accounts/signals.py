"""Audit every sign-in decision, whichever way it was made (password, link, admin)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from tallytale.accounts.addresses import client_address
from tallytale.audit.services import record

from . import sessions
from .mfa import AUTH_AT


def _address(request: Any) -> str:
    return getattr(request, "axes_ip_address", None) or (
        client_address(request) if request is not None else ""
    )


@receiver(user_logged_in)
def logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[AUTH_AT] = int(time.time())  # `reauth_required` measures from here
        sessions.started(
            user, session.session_key, request.META.get("HTTP_USER_AGENT", ""), _address(request)
        )
    record(
        "account.login",
        actor_label=f"web:{user.get_username()}",
        actor=user,
        target=user,
        address=_address(request),
        backend=getattr(user, "backend", ""),
    )


@receiver(user_logged_out)
def logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        sessions.ended(session.session_key)
    if user is not None:
        record("account.logout", actor_label=f"web:{user.get_username()}", actor=user)


@receiver(user_login_failed)
def login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    record(
        "account.login_failed",
        actor_label="web:anonymous",
        username=str(credentials.get("username", ""))[:150],
        address=_address(request),
    )

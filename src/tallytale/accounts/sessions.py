"""A user's signed-in sessions: recorded at sign-in, listed, and ended from another device.

`SignInSession` keeps what a person needs to recognise a session (browser, address, last
seen) beside Django's own session row, which ending a session deletes.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.errors import NotFound

from .models import SignInSession


def _store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def started(user: Any, session_key: str | None, user_agent: str, address: str) -> None:
    """Record a new signed-in session (called on every sign-in)."""
    if not session_key:
        return
    SignInSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "user_agent": (user_agent or "")[:300],
            "address": (address or "")[:45],
            "last_seen_at": timezone.now(),
            "ended_at": None,
        },
    )


def seen(session_key: str | None) -> None:
    if session_key:
        SignInSession.objects.filter(session_key=session_key).update(last_seen_at=timezone.now())


def ended(session_key: str | None) -> None:
    if session_key:
        SignInSession.objects.filter(session_key=session_key, ended_at__isnull=True).update(
            ended_at=timezone.now()
        )


def active(user: Any) -> list[SignInSession]:
    """The user's sessions that may still be open (seen within the idle timeout)."""
    since = timezone.now() - settings.SESSION_IDLE_TIMEOUT
    return list(
        SignInSession.objects.filter(user=user, ended_at__isnull=True, last_seen_at__gte=since)
    )


@transaction.atomic
def end(user: Any, session_id: int) -> SignInSession:
    """End one of the user's own sessions: its Django session is deleted at once."""
    row = SignInSession.objects.select_for_update().filter(pk=session_id, user=user).first()
    if row is None:
        raise NotFound(_("no such session"))
    _store(row.session_key).delete(row.session_key)
    if row.ended_at is None:
        row.ended_at = timezone.now()
        row.save(update_fields=["ended_at"])
    record("account.session_ended", actor_label=f"web:{user.get_username()}", actor=user)
    return row


@transaction.atomic
def end_others(user: Any, current_key: str | None) -> int:
    """End all the user's sessions except the current one; returns how many."""
    rows = SignInSession.objects.filter(user=user, ended_at__isnull=True).exclude(
        session_key=current_key or ""
    )
    n = 0
    for row in rows:
        _store(row.session_key).delete(row.session_key)
        n += 1
    rows.update(ended_at=timezone.now())
    record("account.sessions_ended", actor_label=f"web:{user.get_username()}", actor=user, n=n)
    return n


def rotate(request: Any) -> None:
    """Give the session a new key (after the second factor) and keep its row in step."""
    old = request.session.session_key
    request.session.cycle_key()
    if old:
        SignInSession.objects.filter(session_key=old).update(
            session_key=request.session.session_key
        )

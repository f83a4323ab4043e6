"""Audit every sign-in decision, whichever way it was made (password, link, admin)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from tallytale.audit.services import record


def _address(request: Any) -> str:
    return getattr(request, "axes_ip_address", None) or (
        request.META.get("REMOTE_ADDR", "") if request is not None else ""
    )


@receiver(user_logged_in)
def logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
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

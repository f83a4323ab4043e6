"""Authentication backend that applies django-axes' login lockout."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuse sign-in from an address that has failed too often (axes answers HTTP 429).

    Without a request there is no address to limit (management commands, the test
    client's `login()`), so the check is skipped there instead of raising.
    """

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class UserBackend(ModelBackend):
    """Django's model backend, loading the user's `person` in the same query.

    Every signed-in page checks the user's roles through their person, so this saves a
    query per request. Sessions made by the plain ModelBackend keep working (it stays in
    AUTHENTICATION_BACKENDS after this one).
    """

    def get_user(self, user_id: Any):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("person").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

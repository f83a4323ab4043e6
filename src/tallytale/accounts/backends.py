"""Authentication backend that applies django-axes' login lockout."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend


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

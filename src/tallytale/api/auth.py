"""Token authentication for the API: `Authorization: Bearer <token>`.

Tokens are created on the user's API token page (`tallytale.accounts`), stored hashed and
checked in constant time; the API acts as the token's user, with that user's roles.
Cookies are not accepted, so the API needs no CSRF protection.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from tallytale.accounts.services import authenticate_api_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_api_token(token)
        if user is not None:
            request.user = user
        return user

"""The client's address, for sign-in lockouts, rate limits and the audit log.

Behind N trusted proxies that each append to X-Forwarded-For (nginx's
`proxy_add_x_forwarded_for`), the client is the N-th entry from the right; entries further
left were written by the client and cannot be trusted. Without proxies
(`TALLYTALE_PROXY_COUNT` unset or 0) the socket address is the client.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    hops = int(getattr(settings, "TALLYTALE_PROXY_COUNT", 0) or 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if hops <= 0:
        return remote
    chain = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    if len(chain) < hops:
        return remote
    return chain[-hops]

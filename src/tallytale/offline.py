"""The answers the offline queue's sync endpoints give (each app owns its endpoint).

Each queued submission carries the idempotency key the browser gave it when it was
queued, so a sync that is retried (a dropped connection after the server saved it, two
tabs syncing at once) never records anything twice: stories keep the key as their
`external_id`, survey responses as their `submission_id`, hours as the transfer's key.

Answers are JSON: `{"status": "saved" | "duplicate" | "invalid", "errors": {...}}`, with
400 for invalid input so the browser keeps the item for the researcher to see. This
module sits below the apps and imports none of them.
"""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest, JsonResponse

KEY = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def idempotency_key(request: HttpRequest) -> str:
    """The key the browser gave the queued item; 404 when it is missing or malformed."""
    key = request.POST.get("idempotency_key", "")
    if not KEY.match(key):
        raise Http404("missing or malformed idempotency key")
    return key


def ok(status: str, **extra) -> JsonResponse:
    return JsonResponse({"status": status, **extra})


def invalid(errors: dict[str, str]) -> JsonResponse:
    return JsonResponse({"status": "invalid", "errors": errors}, status=400)

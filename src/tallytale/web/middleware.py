"""Refuse form and query fields that hold text no database can store.

Why one middleware: PostgreSQL refuses NUL in text (a 500 half-way through a save), and a
SQLite backup holding NUL cannot be restored into PostgreSQL. Web views read
`request.POST` in many ways (Django forms, hand parsing, offline sync); checking every
field once, before any view runs, covers them all. The API's JSON bodies are checked by
its schemas (`tallytale.api.schemas.In`), importers by their decoding rule.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tallytale.core.textsafe import bad_character


def bad_field(request: HttpRequest) -> tuple[str, str] | None:
    """(field name, what is wrong) for the first query or form field that cannot be stored."""
    sources = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sources.append(request.POST)
    for data in sources:
        for name, values in data.lists():
            for text in (name, *values):
                what = bad_character(text)
                if what:  # the name itself may hold it: shown escaped
                    return name.encode("utf-8", "backslashreplace").decode(), what
    return None


class StorableTextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = bad_field(request)
        if found is None:
            return self.get_response(request)
        field, what = found
        message = _(
            "The field “%(field)s” contains %(what)s, which cannot be saved. Remove it and send again."
        ) % {"field": field, "what": what}
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        if request.path.startswith("/offline/sync/"):
            return JsonResponse({"status": "invalid", "errors": {field: message}}, status=400)
        return HttpResponse(
            render_to_string("web/bad_text.html", {"message": message}, request=request),
            status=400,
        )

"""The NinjaAPI instance: routers, token auth and the mapping from service errors to HTTP.

OpenAPI schema: /api/openapi.json. Interactive docs are off (they load scripts from a
CDN, which the content security policy forbids); use the schema with any OpenAPI viewer.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import NinjaAPI

from tallytale.errors import NotFound, TallytaleError
from tallytale.ledger.services import IdempotencyConflict

from .auth import BearerToken
from .routers import (
    community_router,
    ledger_router,
    projects,
    stories_router,
    surveys_router,
)

api = NinjaAPI(
    title="Tallytale API",
    version="1",
    description="Time credits, stories, surveys and community research. "
    "Authenticate with `Authorization: Bearer <token>` (create tokens at /accounts/tokens/).",
    auth=BearerToken(),
    docs_url=None,
    urls_namespace="api",
)
api.add_router("/projects", projects)
api.add_router("/ledger", ledger_router)
api.add_router("/", stories_router)
api.add_router("/surveys", surveys_router)
api.add_router("/community", community_router)


def _error(request: HttpRequest, status: int, detail: str):
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied):
    return _error(request, 403, "you do not have permission to do this in this project")


@api.exception_handler(IdempotencyConflict)
def idempotency_conflict(request: HttpRequest, exc: IdempotencyConflict):
    return _error(request, 409, str(exc))


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, exc: NotFound):
    return _error(request, 404, str(exc))


@api.exception_handler(TallytaleError)
def invalid(request: HttpRequest, exc: TallytaleError):
    return _error(request, 400, str(exc))


def operations():
    """(method, route, view function) for every API operation, for the route tests."""
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for op in path_view.operations:
                for method in op.methods:
                    yield method, f"{prefix.strip('/')}/{path.lstrip('/')}".strip("/"), op.view_func

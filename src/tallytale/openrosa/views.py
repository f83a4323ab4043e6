"""The coordinator's page for app credentials: create one for a collector (its password is
shown once, with the settings ODK Collect reads), list them, revoke one."""

from __future__ import annotations

import base64
import json
import zlib

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tallytale.errors import InvalidInput, NotFound
from tallytale.programmes.models import Project, Role
from tallytale.programmes.permissions import Actor, project_view

from . import services


def collect_settings(server_url: str, username: str, password: str, project: Project) -> dict:
    """The settings ODK Collect reads from a QR code (Project settings > Reconfigure)."""
    return {
        "general": {"server_url": server_url, "username": username, "password": password},
        "admin": {},
        "project": {"name": f"Tallytale: {project.name}"[:100], "icon": "T"},
    }


def qr_payload(settings_json: dict) -> str:
    """What ODK Collect's QR code holds: the settings JSON, zlib-compressed, base64."""
    raw = json.dumps(settings_json, separators=(",", ":")).encode()
    return base64.b64encode(zlib.compress(raw)).decode()


@require_http_methods(["GET", "POST"])
@project_view("people.manage")
def credentials(request: HttpRequest, project: Project) -> HttpResponse:
    actor = Actor.from_request(request)
    context: dict = {"project": project, "roles": Role.choices}
    if request.method == "POST":
        try:
            credential, password = services.create_credential(
                project,
                request.POST.get("person", ""),
                actor=actor,
                role=request.POST.get("role", ""),
                label=request.POST.get("label", ""),
            )
        except (InvalidInput, NotFound) as exc:
            context["error"] = str(exc)
        else:
            server = request.build_absolute_uri(
                reverse("openrosa:server", args=[project.slug])
            ).rstrip("/")
            settings_json = collect_settings(server, credential.username, password, project)
            context.update(
                created=credential,
                password=password,
                server_url=server,
                settings_json=json.dumps(settings_json, indent=2, ensure_ascii=False),
                qr_payload=qr_payload(settings_json),
            )
    context["credentials"] = services.list_credentials(project, actor=actor)
    response = render(request, "openrosa/credentials.html", context)
    response["Cache-Control"] = "no-store"  # the password is on this page once
    return response


@require_POST
@project_view("people.manage")
def revoke(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    try:
        services.revoke_credential(project, pk, actor=Actor.from_request(request))
    except NotFound:
        raise Http404("no such app credential in this project") from None
    return redirect("openrosa:credentials", project.slug)

"""Evidence pages: a project's report page (headline figures, download in every format).

Views translate HTTP to `services.build_and_record`; who may build which audience is
`services.audiences_for` (capped by role). Reports are downloads: the standalone report
file carries its own inline CSS, which the app's CSP would refuse on a served page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tallytale.accounts.reauth import reauth_required
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import project_view

from . import services


def _audience(request: HttpRequest, project) -> str:
    allowed = services.audiences_for(request.user, project)
    audience = request.GET.get("audience", "public")
    if audience not in allowed:
        raise Http404("no such audience for you")
    return audience


@project_view("evidence.read")
def report_page(request: HttpRequest, project: Project) -> HttpResponse:
    audience = _audience(request, project)
    built = services.build_and_record(
        project=project.slug, audience=audience, fmt="json",
        actor_label=f"web:{request.user.get_username()}", actor=request.user,
    )  # fmt: skip
    report = built.report
    claims = {c["id"]: c for c in report["claims"]}
    return render(
        request,
        "evidence/page.html",
        {
            "project": project,
            "report": report,
            "audience": audience,
            "audiences": services.audiences_for(request.user, project),
            "headline": [claims[i] for i in report["headline"]],
            "formats": services.FORMATS,
        },
    )


@reauth_required()
@project_view("evidence.read")
def download(request: HttpRequest, project: Project, fmt: str) -> HttpResponse:
    if fmt not in services.FORMATS:
        raise Http404("no such format")
    audience = _audience(request, project)
    built = services.build_and_record(
        project=project.slug, audience=audience, fmt=fmt,
        actor_label=f"web:{request.user.get_username()}", actor=request.user,
    )  # fmt: skip
    response = HttpResponse(built.content, content_type=built.content_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

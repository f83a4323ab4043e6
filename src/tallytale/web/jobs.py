"""The jobs pages: a project's jobs (/p/<slug>/jobs/) and a user's own (/me/jobs/).

Every job page, its JSON status, cancel, retry and download go through
`jobs.services.get_job`, which looks the job up within the project the URL names and
checks the capability that reads what the job produces (a personal job: its owner only).
Results are streamed from private storage by `download`, never from a public path.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tallytale.accounts.reauth import reauth_required
from tallytale.errors import InvalidInput, NotFound
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tallytale.ops import tasks as ops_tasks
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import INSTALLATION, SIGNED_IN, Actor, declares, project_view

PAGE = 50


def _job(request: HttpRequest, job_id: int, project: Project | None) -> Job:
    try:
        return jobs.get_job(job_id, Actor.from_request(request), project)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _url(job: Job, name: str = "") -> str:
    """The job's page (or its `status`/`download`/`cancel`/`retry`), where it belongs."""
    if job.project_id is not None:
        return reverse(f"web:job{'_' + name if name else ''}", args=[job.project.slug, job.pk])
    return reverse(f"web:my_job{'_' + name if name else ''}", args=[job.pk])


def _status(job: Job) -> dict:
    return {
        "id": job.pk, "state": job.state, "state_label": str(job.get_state_display()),
        "done": job.done, "total": job.total, "percent": job.percent, "message": job.message,
        "error": job.error, "active": job.is_active, "can_retry": jobs.can_retry(job),
        "download": _url(job, "download") if job.has_result else None,
    }  # fmt: skip


def _rows(queryset) -> list[dict]:
    return [
        {"job": j, "url": _url(j), "label": jobs.KINDS[j.kind].label if j.kind in jobs.KINDS else j.kind}
        for j in queryset.select_related("project")[:PAGE]
    ]  # fmt: skip


def _list(request: HttpRequest, project: Project | None, queryset) -> HttpResponse:
    rows = _rows(queryset)
    return render(
        request,
        "web/jobs.html",
        {"project": project, "rows": rows, "refresh": any(r["job"].is_active for r in rows)},
    )


def _page(request: HttpRequest, job: Job) -> HttpResponse:
    return render(
        request,
        "web/job.html",
        {
            "job": job,
            "project": job.project,
            "status": _status(job),
            "label": jobs.KINDS[job.kind].label if job.kind in jobs.KINDS else job.kind,
            "urls": {n: _url(job, n) for n in ("status", "download", "cancel", "retry")},
            "back": reverse("web:jobs", args=[job.project.slug])
            if job.project_id
            else reverse("web:my_jobs"),
        },
    )


def _download(request: HttpRequest, job: Job) -> HttpResponse:
    try:
        path = jobs.result_file(job, Actor.from_request(request))
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=job.result_name, content_type=job.result_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _act(request: HttpRequest, job: Job, action: str) -> HttpResponse:
    actor = Actor.from_request(request)
    try:
        if action == "cancel":
            jobs.cancel(job, actor)
            messages.success(request, _("The job is cancelled."))
        else:
            job = jobs.retry(job, actor)
            messages.success(request, _("The job is queued again."))
    except InvalidInput as exc:
        messages.error(request, str(exc))
    return redirect(_url(job))


# --- a project's jobs -----------------------------------------------------------------------


@require_GET
@project_view("jobs.read")
def project_jobs(request: HttpRequest, project: Project) -> HttpResponse:
    return _list(request, project, jobs.jobs_for_project(Actor.from_request(request), project))


@require_GET
@project_view("jobs.read")
def job(request: HttpRequest, project: Project, job_id: int) -> HttpResponse:
    return _page(request, _job(request, job_id, project))


@require_GET
@project_view("jobs.read", sign_in=False)
def job_status(request: HttpRequest, project: Project, job_id: int) -> HttpResponse:
    return JsonResponse(_status(_job(request, job_id, project)))


@require_GET
@reauth_required()
@project_view("jobs.read")
def job_download(request: HttpRequest, project: Project, job_id: int) -> HttpResponse:
    return _download(request, _job(request, job_id, project))


@require_POST
@project_view("jobs.read")
def job_cancel(request: HttpRequest, project: Project, job_id: int) -> HttpResponse:
    return _act(request, _job(request, job_id, project), "cancel")


@require_POST
@project_view("jobs.read")
def job_retry(request: HttpRequest, project: Project, job_id: int) -> HttpResponse:
    return _act(request, _job(request, job_id, project), "retry")


# --- the user's own jobs --------------------------------------------------------------------


@declares(SIGNED_IN)
@login_required
@require_GET
def my_jobs(request: HttpRequest) -> HttpResponse:
    return _list(request, None, jobs.jobs_of(request.user))


@declares(SIGNED_IN)
@login_required
@require_GET
def my_job(request: HttpRequest, job_id: int) -> HttpResponse:
    return _page(request, _job(request, job_id, None))


@declares(SIGNED_IN)
@login_required
@require_GET
def my_job_status(request: HttpRequest, job_id: int) -> HttpResponse:
    return JsonResponse(_status(_job(request, job_id, None)))


@declares(SIGNED_IN)
@login_required
@require_GET
@reauth_required()
def my_job_download(request: HttpRequest, job_id: int) -> HttpResponse:
    return _download(request, _job(request, job_id, None))


@declares(SIGNED_IN)
@login_required
@require_POST
def my_job_cancel(request: HttpRequest, job_id: int) -> HttpResponse:
    return _act(request, _job(request, job_id, None), "cancel")


@declares(SIGNED_IN)
@login_required
@require_POST
def my_job_retry(request: HttpRequest, job_id: int) -> HttpResponse:
    return _act(request, _job(request, job_id, None), "retry")


# --- backups started from the web (the installation's superusers) ---------------------------


@declares(INSTALLATION)
@login_required
@reauth_required()
@require_http_methods(["GET", "POST"])
def backups(request: HttpRequest) -> HttpResponse:
    """Start a backup of the whole installation on a worker, and see the recent ones."""
    if not ops_tasks.may_back_up(request.user):
        raise PermissionDenied("only an administrator of the installation may start a backup")
    if request.method == "POST":
        key = request.POST.get("idempotency_key", "")[:64] or None
        job = ops_tasks.start_backup(actor=Actor.from_request(request), key=key)
        return redirect(_url(job))
    rows = _rows(jobs.jobs_of(request.user).filter(kind=ops_tasks.KIND))
    return render(request, "web/backups.html", {"rows": rows, "key": uuid.uuid4().hex})

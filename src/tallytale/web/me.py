"""My Tallytale: a participant's own page and the download of all their data.

Shows only the signed-in person's own records; every figure comes from a service
(`ledger.ledger_statements.statement`, `stories.access.own_stories`, ...).
"""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from tallytale.accounts.reauth import reauth_required
from tallytale.ledger import statements as ledger_statements
from tallytale.ledger.models import Contribution
from tallytale.programmes.models import Membership
from tallytale.programmes.permissions import SIGNED_IN, Actor, declares
from tallytale.rights import tasks as rights_tasks
from tallytale.stories import access
from tallytale.surveys.models import Response

#: a statement line's kind as a member reads it
KIND_WORDS = {
    "earn": gettext_lazy("Earned"),
    "spend": gettext_lazy("Spent"),
    "gift": gettext_lazy("Gift"),
    "donate": gettext_lazy("Given to the community pot"),
    "expire": gettext_lazy("Expired"),
    "reverse": gettext_lazy("Correction"),
    "issue": gettext_lazy("Budget"),
}


def _person(request: HttpRequest):
    person = getattr(request.user, "person", None)
    if person is None or person.erased_at is not None:
        return None
    return person


@declares(SIGNED_IN)
@login_required
@require_GET
def me(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if person is None:
        return render(request, "web/me.html", {"person": None})
    statement = ledger_statements.statement(person.code)
    lines = statement["lines"]
    given = (
        Contribution.objects.filter(person=person, transfer__reversed_by__isnull=True)
        .select_related("partner")
        .order_by("-day", "-id")[:50]
    )
    spent = [ln for ln in lines if ln["kind"] == "spend" and ln["minutes"] < 0]
    earned_minutes = sum(ln["minutes"] for ln in lines if ln["kind"] == "earn")
    spent_minutes = -sum(ln["minutes"] for ln in spent)
    projects = [
        m.project
        for m in Membership.objects.filter(person=person)
        .select_related("project")
        .order_by("project__slug")
    ]
    unique_projects = list({p.pk: p for p in projects}.values())
    return render(
        request,
        "web/me.html",
        {
            "person": person,
            "balance_minutes": statement["closing_minutes"],
            "earned_minutes": earned_minutes,
            "spent_minutes": spent_minutes,
            "statement": [
                {**ln, "what": KIND_WORDS.get(ln["kind"], ln["kind"])}
                for ln in list(reversed(lines))[:100]
            ],
            "given": given,
            "stories": access.own_stories(request.user).select_related("project").order_by("-id"),
            "responses": Response.objects.filter(person=person)
            .select_related("instrument", "wave", "project")
            .order_by("-id")[:100],
            "projects": unique_projects,
            "key": uuid.uuid4().hex,
        },
    )


@declares(SIGNED_IN)
@login_required
@reauth_required()
@require_POST
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    """All my data, as JSON or as a zip of CSV files: prepared by a job (years of
    statements and stories take a while), then downloaded from my jobs page."""
    person = _person(request)
    if person is None or fmt not in rights_tasks.CONTENT:
        raise Http404("nothing to download")
    key = request.POST.get("idempotency_key", "")[:64] or None
    job = rights_tasks.start_download(actor=Actor.from_request(request), fmt=fmt, key=key)
    return redirect("web:my_job", job_id=job.pk)

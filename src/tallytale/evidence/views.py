"""Evidence pages: a project's report page (headline figures, download in every format).

The page builds its JSON report in the request: measured on the 1,300-member demo on a
loaded 2-core machine, 0.12-0.29 s per project (warm), like any other page, and its only
write is the short build-log transaction. The downloads are background jobs
(`tasks.start_build`): a PDF of the same project took 13.6 s. Views translate HTTP to the services; who may build which audience is
`services.audiences_for` (capped by role). Reports are downloads: the standalone report
file carries its own inline CSS, which the app's CSP would refuse on a served page.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tallytale.accounts.reauth import reauth_required
from tallytale.errors import InvalidInput, NotFound
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import Actor, can, project_view
from tallytale.stories.access import story_text_for, visible_stories

from . import msc, services, tasks
from .render import audience_name


class PeriodForm(forms.Form):
    """The reporting period of a report page or download: `from` and `to` (YYYY-MM-DD),
    either end open. Its fields are named as the CLI's `--from` and `--to`."""

    def __init__(self, data: dict | None = None) -> None:
        super().__init__(data)
        self.fields["from"] = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
        self.fields["to"] = forms.DateField(required=False, input_formats=["%Y-%m-%d"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            raise forms.ValidationError(_("from: the period starts after it ends"))
        return data

    def period(self) -> tuple[dt.date | None, dt.date | None] | str:
        """The two dates, or a one-line error naming the field."""
        if self.is_valid():
            return self.cleaned_data.get("from"), self.cleaned_data.get("to")
        for field, errors in self.errors.items():
            name = "period" if field == "__all__" else field
            return f"{name}: {errors[0]}" if field != "__all__" else str(errors[0])
        return "period: invalid"


def _audience(request: HttpRequest, project) -> str:
    allowed = services.audiences_for(request.user, project)
    audience = request.GET.get("audience", "public")
    if audience not in allowed:
        raise Http404(_("no such audience for you"))
    return audience


@project_view("evidence.read")
def report_page(request: HttpRequest, project: Project) -> HttpResponse:
    audience = _audience(request, project)
    period = PeriodForm(request.GET).period()
    if isinstance(period, str):
        return HttpResponseBadRequest(period, content_type="text/plain; charset=utf-8")
    start, end = period
    built = services.build_and_record(
        project=project.slug, audience=audience, fmt="json",
        actor_label=f"web:{request.user.get_username()}", actor=request.user,
        start=start, end=end, language=services.report_language(request.LANGUAGE_CODE),
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
            "audiences": [
                (a, audience_name(a)) for a in services.audiences_for(request.user, project)
            ],
            "audience_name": audience_name(audience),
            "headline": [claims[i] for i in report["headline"]],
            "formats": services.FORMATS,
            "key": uuid.uuid4().hex,
            "start": start,
            "end": end,
            "can_claims": can(request.user, "evidence.claims", project),
        },
    )


@require_POST
@reauth_required()
@project_view("evidence.read")
def download(request: HttpRequest, project: Project, fmt: str) -> HttpResponse:
    """Queue the build of a report file and send the user to its job's page: a PDF takes
    half a minute, too long for a request (and a request must not hold the database)."""
    if fmt not in services.FORMATS:
        raise Http404(_("no such format"))
    allowed = services.audiences_for(request.user, project)
    audience = request.POST.get("audience", "public")
    if audience not in allowed:
        raise Http404(_("no such audience for you"))
    period = PeriodForm(request.POST).period()
    if isinstance(period, str):
        return HttpResponseBadRequest(period, content_type="text/plain; charset=utf-8")
    key = request.POST.get("idempotency_key", "")[:64]
    job = tasks.start_build(
        actor=Actor.from_request(request), project=project, fmt=fmt, audience=audience,
        key=f"evidence:{project.pk}:{request.user.pk}:{key}" if key else None,
        start=period[0], end=period[1],
        language=services.report_language(request.LANGUAGE_CODE),
    )  # fmt: skip
    return redirect("web:job", project.slug, job.pk)


class ClaimForm(forms.Form):
    """A project's own figure: a question, the answers counted, its wording."""

    item = forms.CharField(max_length=200)
    answers = forms.CharField(max_length=200, required=False)
    label = forms.CharField(max_length=300)
    kind = forms.ChoiceField(choices=services.Claim.Kind.choices)


@require_http_methods(["GET", "POST"])
@project_view("evidence.claims")
def claims_page(request: HttpRequest, project: Project) -> HttpResponse:
    """The claim builder: list the project's own figures, add one, remove one. The
    services check `evidence.claims` again and look the claim up within the project."""
    form = ClaimForm(
        request.POST if request.method == "POST" and request.POST.get("action") == "add" else None
    )
    error, status = "", 200
    if request.method == "POST":
        actor = Actor.from_request(request)
        try:
            if request.POST.get("action") == "remove":
                services.remove_claim(project.slug, request.POST.get("key", "")[:80],
                                      actor_label=f"web:{request.user.get_username()}", actor=actor)  # fmt: skip
                return redirect("evidence:claims", project.slug)
            if form.is_valid():
                d = form.cleaned_data
                answers = [a.strip() for a in d["answers"].split(",") if a.strip()]
                services.add_claim(
                    project.slug, key=slugify(f"custom-{d['item']}-{'-'.join(answers)}")[:80],
                    label=d["label"], item=d["item"], positive_answers=answers, kind=d["kind"],
                    actor_label=f"web:{request.user.get_username()}", actor=actor,
                )  # fmt: skip
                return redirect("evidence:claims", project.slug)
            status = 400
        except InvalidInput as exc:
            error, status = str(exc), 400
    return render(
        request,
        "evidence/claims.html",
        {"project": project, "claims": services.list_claims(project.slug),
         "form": form if form.is_bound else ClaimForm(), "error": error},
        status=status,
    )  # fmt: skip


MSC_ACTIONS = {"shortlist", "remove", "vote", "choose", "unchoose"}
MSC_PICK = 30  # stories offered for the shortlist at a time (newest first)


@require_http_methods(["GET", "POST"])
@project_view("evidence.claims")
def msc_page(request: HttpRequest, project: Project) -> HttpResponse:
    """Most Significant Change: the panel shortlists stories, each member votes, and the
    panel records why it chose a story. The services check `evidence.claims` again and look
    stories and candidates up within the project; a bad field is a 400 naming it."""
    actor = Actor.from_request(request)
    error, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action not in MSC_ACTIONS:
                raise InvalidInput(
                    _("action: choose one of %(choices)s")
                    % {"choices": ", ".join(sorted(MSC_ACTIONS))}
                )
            candidate = request.POST.get("candidate", "")
            if action == "shortlist":
                msc.shortlist(project, request.POST.get("story", ""), actor=actor)
            elif action == "remove":
                msc.remove(project, candidate, actor=actor)
            elif action == "vote":
                msc.vote(project, candidate, actor=actor)
            elif action == "choose":
                msc.choose(project, candidate, request.POST.get("reason", ""), actor=actor)
            else:
                msc.unchoose(project, candidate, actor=actor)
            return redirect("evidence:msc", project.slug)
        except NotFound as exc:
            raise Http404(str(exc)) from exc
        except InvalidInput as exc:
            error, status = str(exc), 400
    shortlist = msc.panel(project, actor=actor)
    listed = {c["story_id"] for c in shortlist}
    offer = [
        {"id": s.pk, "language": s.language, "consent": s.consent_level,
         "excerpt": msc._excerpt(story_text_for(request.user, s) or "")[:240]}
        for s in visible_stories(request.user, project).order_by("-pk")[: MSC_PICK + len(listed)]
        if s.pk not in listed
    ][:MSC_PICK]  # fmt: skip
    return render(
        request,
        "evidence/msc.html",
        {"project": project, "shortlist": shortlist, "offer": offer, "error": error},
        status=status,
    )

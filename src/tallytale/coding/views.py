"""Coding pages: codebook, code a story (select text, or type the words without JavaScript),
suggestions to accept or reject, agreement, themes, REFI-QDA downloads.

Views only translate HTTP to service calls; each declares and itself requires its
capability. Stories come only from `visible_stories` / `story_text_for` (via services).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tallytale.accounts.reauth import reauth_required
from tallytale.core.disclosure import DEFAULT_RULE
from tallytale.errors import NotFound, TallytaleError
from tallytale.jobs.models import Job
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import can, project_view

from . import access as coding_access
from . import agreement as coder_agreement
from . import read as coding_read
from . import services, tasks
from . import themes as theme_runs
from .embeddings import default_method
from .models import COUNTED, Code, Coding, Memo, Origin, ThemeRun
from .services import Actor


def _actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request)


def _codes(project):
    return sorted(
        Code.objects.filter(project=project, active=True).select_related("parent"),
        key=lambda c: c.path().lower(),
    )


@project_view("coding.code")
def codebook(request: HttpRequest, project: Project) -> HttpResponse:
    if request.method == "POST":
        try:
            parent_id = request.POST.get("parent") or None
            parent = services.get_code(project, parent_id) if parent_id else None
            services.add_code(
                project,
                request.POST.get("name", ""),
                actor=_actor(request),
                parent=parent,
                description=request.POST.get("description", ""),
                example=request.POST.get("example", ""),
                colour=request.POST.get("colour", ""),
            )
        except TallytaleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Code added."))
            return redirect("coding:codebook", slug=project.slug)
    stories = coding_access.visible(_actor(request), project).order_by("-pk")[:100]
    coded = set(
        Coding.objects.filter(project=project, origin__in=COUNTED, story__in=stories).values_list(
            "story_id", flat=True
        )
    )
    return render(
        request,
        "coding/codebook.html",
        {
            "project": project,
            "codes": _codes(project),
            "stories": [(s, s.pk in coded) for s in stories],
            "research_team": can(request.user, "story.read_redacted", project),
            "key": uuid.uuid4().hex,
            "next_colour": services.next_colour(project),
        },
    )


def _marked(text: str, codings: list[Coding]) -> str:
    """The text as HTML with coded spans in <mark>, every piece escaped (overlapping spans:
    the first wins for display; the list below shows them all)."""
    spans = sorted((c.start, c.end, c.code.name) for c in codings if c.start is not None)
    parts, pos = [], 0
    for s, e, name in spans:
        if s < pos:
            continue
        parts.append(escape(text[pos:s]))
        parts.append(f'<mark title="{escape(name)}">{escape(text[s:e])}</mark>')
        pos = e
    parts.append(escape(text[pos:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


@project_view("coding.code")
def code_story(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    actor = _actor(request)
    try:
        story = coding_access.story_for(actor, project, pk)
    except NotFound:
        raise Http404(_("no such story")) from None
    field, text = coding_access.text_for(actor, story)
    status = 200
    if request.method == "POST":
        try:
            code = services.get_code(project, request.POST.get("code", ""))
            whole = request.POST.get("whole") == "1"
            phrase = (request.POST.get("phrase") or "").strip()
            start, end = request.POST.get("start") or None, request.POST.get("end") or None
            if whole:
                services.code_story(story, code, actor=actor)
            elif phrase:
                services.code_story(story, code, actor=actor, phrase=phrase)
            elif start is not None and end is not None:
                services.code_story(story, code, actor=actor, start=int(start), end=int(end))
            else:
                raise services.InvalidInput(
                    _("select some text, type the exact words, or tick 'whole story'")
                )
        except (TallytaleError, ValueError) as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            messages.success(request, _("Coded with “%(code)s”.") % {"code": code.name})
            return redirect("coding:story", slug=project.slug, pk=pk)
    codings = list(
        Coding.objects.filter(story=story, rejected_at__isnull=True)
        .select_related("code")
        .order_by("start", "pk")
    )
    return render(
        request,
        "coding/story.html",
        {
            "project": project,
            "story": story,
            "field": field,
            "text": text,
            "marked": _marked(text, [c for c in codings if c.origin in COUNTED]),
            "codings": [c for c in codings if c.origin in COUNTED],
            "suggestions": [c for c in codings if c.origin == Origin.SUGGESTED],
            "memos": Memo.objects.filter(story=story).order_by("pk"),
            "codes": _codes(project),
        },
        status=status,
    )


@require_POST
@project_view("coding.code")
def decide(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    coding = Coding.objects.filter(project=project, pk=pk).first()
    if coding is None:
        raise Http404(_("no such suggestion"))
    try:
        if request.POST.get("decision") == "accept":
            services.accept_suggestion(coding, actor=_actor(request))
        else:
            services.reject_suggestion(coding, actor=_actor(request))
    except NotFound:
        raise Http404(_("no such story")) from None
    except TallytaleError as exc:
        messages.error(request, str(exc))
    return redirect("coding:story", slug=project.slug, pk=coding.story_id)


@require_POST
@project_view("coding.code")
def memo(request: HttpRequest, project: Project) -> HttpResponse:
    actor = _actor(request)
    story_id = request.POST.get("story")
    try:
        story = coding_access.story_for(actor, project, int(story_id)) if story_id else None
        code = (
            services.get_code(project, request.POST["code"]) if request.POST.get("code") else None
        )
        services.add_memo(
            project, request.POST.get("text", ""), actor=actor, code=code, story=story
        )
    except (TallytaleError, ValueError) as exc:
        messages.error(request, str(exc))
    if story_id:
        return redirect("coding:story", slug=project.slug, pk=int(story_id))
    return redirect("coding:codebook", slug=project.slug)


@project_view("story.read_redacted")
def agreement(request: HttpRequest, project: Project) -> HttpResponse:
    coders = coder_agreement.coders_of(project)
    chosen = request.GET.getlist("coder")
    unit = request.GET.get("unit", "story")
    result, error = None, ""
    if len(chosen) >= 2:
        try:
            result = coder_agreement.agreement(
                project, chosen, actor=_actor(request), unit=unit
            ).to_json()
        except TallytaleError as exc:
            error = str(exc)
    elif chosen:
        error = _("Choose at least two coders.")
    return render(
        request,
        "coding/agreement.html",
        {
            "project": project,
            "coders": coders,
            "chosen": chosen,
            "unit": unit,
            "result": result,
            "error": error,
        },  # fmt: skip
    )


@project_view("story.read_redacted")
def themes(request: HttpRequest, project: Project) -> HttpResponse:
    """Theme runs; the form queues discovery as a job (it can take minutes on a large
    project) and sends the user to its page, which links to the run when it is done."""
    if request.method == "POST":
        k = request.POST.get("k") or None
        key = request.POST.get("idempotency_key", "")[:64]
        try:
            job = tasks.start_discovery(
                actor=_actor(request), project=project, k=int(k) if k else None,
                method=request.POST.get("method") or None,
                key=f"themes:{project.pk}:{request.user.pk}:{key}" if key else None,
            )  # fmt: skip
        except ValueError:
            messages.error(request, _("k: must be a whole number"))
        except TallytaleError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("web:job", project.slug, job.pk)
    return render(
        request,
        "coding/themes.html",
        {
            "project": project,
            "runs": ThemeRun.objects.filter(project=project)[:50],
            "jobs": Job.objects.filter(project=project, kind=tasks.THEMES)[:10],
            "key": uuid.uuid4().hex,
            "default_method": default_method(),
        },
    )


@project_view("story.read_redacted")
def theme_run(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    run = ThemeRun.objects.filter(project=project, pk=pk).first()
    if run is None:
        raise Http404(_("no such run"))
    return render(
        request,
        "coding/theme_run.html",
        {
            "project": project,
            "run": run,
            # labels built only from the stories this viewer's readership may read
            "themes": theme_runs.themes_for(run, request.user),
            "can_code": can(request.user, "coding.code", project),
        },
    )


@require_POST
@project_view("coding.code")
def rename(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    """Name a theme as a person would (the name reports use); an empty name gives the
    automatic label back. The service checks `coding.code` again."""
    run = ThemeRun.objects.filter(project=project, pk=pk).first()
    if run is None:
        raise Http404(_("no such run"))
    try:
        theme_id = int(request.POST.get("theme", ""))
    except ValueError:
        return HttpResponseBadRequest("theme: must be a theme number", content_type="text/plain")
    try:
        theme_runs.rename_theme(run, theme_id, request.POST.get("name", "")[:500],
                                actor=_actor(request))  # fmt: skip
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except TallytaleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Theme renamed."))
    return redirect("coding:theme_run", slug=project.slug, pk=pk)


@require_POST
@project_view("coding.code")
def promote(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    run = ThemeRun.objects.filter(project=project, pk=pk).first()
    if run is None:
        raise Http404(_("no such run"))
    try:
        code, n = theme_runs.promote_theme(
            run, int(request.POST.get("theme", "0")), actor=_actor(request),
            name=request.POST.get("name") or None,
        )  # fmt: skip
    except (TallytaleError, ValueError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Code “%(code)s” created with %(n)s suggestions to review.")
            % {"code": code.name, "n": n},
        )
    return redirect("coding:theme_run", slug=project.slug, pk=pk)


@require_POST
@reauth_required()
@project_view("story.read_redacted")
def export(request: HttpRequest, project: Project, kind: str) -> HttpResponse:
    """Queue the codebook (.qdc) or the coded project (.qdpx) and send the user to its job's
    page; a double click (the same form key) queues one job."""
    if kind not in tasks.EXPORT_KINDS:
        raise Http404(_("unknown export"))
    key = request.POST.get("idempotency_key", "")[:64]
    job = tasks.start_export(
        actor=_actor(request), project=project, kind=kind,
        key=f"coding:{project.pk}:{request.user.pk}:{key}" if key else None,
    )  # fmt: skip
    return redirect("web:job", project.slug, job.pk)


# --- changing the codebook and codings on the web -----------------------------------------


@require_POST
@project_view("coding.code")
def code_edit(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    """Rename a code, move it under another, or merge it into another (the services keep
    the history and audit changes to others' codings)."""
    actor = _actor(request)
    try:
        code = services.get_code(project, pk)
        action = request.POST.get("action", "")
        if action == "rename":
            services.rename_code(code, request.POST.get("name", ""), actor=actor)
            done = _("Code renamed.")
        elif action == "move":
            parent_id = request.POST.get("parent") or None
            parent = services.get_code(project, parent_id) if parent_id else None
            services.move_code(code, parent, actor=actor)
            done = _("Code moved.")
        elif action == "merge":
            target = services.get_code(project, request.POST.get("into", ""))
            services.merge_codes(code, target, actor=actor)
            done = _("Codes merged.")
        else:
            raise services.InvalidInput(_("action must be rename, move or merge"))
    except NotFound:
        raise Http404(_("no such code")) from None
    except TallytaleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("coding:codebook", slug=project.slug)


@require_POST
@project_view("coding.code")
def remove_coding(request: HttpRequest, project: Project, pk: int) -> HttpResponse:
    """Remove a coding from a story (someone else's is audited by the service)."""
    coding = Coding.objects.filter(project=project, pk=pk, origin__in=COUNTED).first()
    if coding is None:
        raise Http404(_("no such coding"))
    actor = _actor(request)
    try:
        coding_access.story_for(actor, project, coding.story_id)
        services.remove_coding(coding, actor=actor)
    except NotFound:
        raise Http404(_("no such coding")) from None
    except TallytaleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Coding removed."))
    return redirect("coding:story", slug=project.slug, pk=coding.story_id)


@project_view("coding.code")
def matrix(request: HttpRequest, project: Project) -> HttpResponse:
    """Code co-occurrence, and codes by a participant attribute with small cells hidden."""
    attribute = request.GET.get("attribute") or "age_band"
    if attribute not in coding_read.ATTRIBUTES:
        return HttpResponse(_("attribute must be age_band or gender"), status=400)
    codes = _codes(project)
    stories = coding_access.visible(_actor(request), project)
    grid = coding_read.cooccurrence(project, stories, codes)
    columns, table = coding_read.codes_by_attribute(project, stories, codes, attribute)
    rule_k = project.disclosure_k or DEFAULT_RULE.k
    return render(
        request,
        "coding/matrix.html",
        {
            "project": project,
            "rows": list(zip(codes, grid, strict=True)),
            "codes": codes,
            "attribute": attribute,
            "attributes": coding_read.ATTRIBUTES,
            "attribute_label": coding_read.ATTRIBUTES[attribute],
            "columns": columns,
            "by_attribute": list(zip(codes, table.cells, table.row_totals, strict=False)),
            "col_totals": table.col_totals,
            "grand_total": table.grand_total,
            "k": rule_k,
        },
    )

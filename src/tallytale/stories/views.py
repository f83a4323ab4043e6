"""Story pages: collect (phone-first, works without JavaScript), read, consent, withdraw,
review and correct redaction, add transcripts, stream recordings.

Views only translate HTTP to service calls. What a viewer may see comes from
`access.visible_stories` / `access.story_text_for`; a story the viewer may not see is a 404
(not a 403), so its existence is not disclosed either.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tallytale import offline
from tallytale.accounts.reauth import reauth_required
from tallytale.core import consent as consent_rules
from tallytale.errors import InputErrors, TallytaleError
from tallytale.programmes import permissions
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import SIGNED_IN, declares, project_or_404, project_view
from tallytale.uploads import pages as uploads
from tallytale.uploads.handlers import accepts_upload

from . import access, languages, media, patterns, review, services, tasks
from . import importers as story_importers
from .forms import ConsentForm, CorrectionForm, StoryForm, TranscriptForm
from .models import TEXT_FIELDS, ConsentMethod, Prompt, Story
from .services import Actor


def _actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request)


def _visible(request: HttpRequest, slug: str, pk: int) -> Story:
    project = project_or_404(slug)
    own = access.own_stories(request.user).filter(project=project, pk=pk)
    story = (
        access.visible_stories(request.user, project)
        .filter(pk=pk)
        .select_related("project")
        .first()
        or own.select_related("project").first()
    )
    if story is None:
        raise Http404(_("no such story"))
    return story


def _manage_or_403(request: HttpRequest, story: Story) -> None:
    """Consent and withdrawal belong to the teller, or to the research team on their behalf;
    the form is not shown to anyone else (the service refuses them too)."""
    person = getattr(request.user, "person", None)
    is_teller = person is not None and story.teller_id == person.pk
    if not is_teller:
        permissions.require(request.user, "story.manage_consent", story.project)


@project_view("story.read_project")
def story_list(request: HttpRequest, project: Project) -> HttpResponse:
    stories = access.visible_stories(request.user, project).order_by("-id")[:200]
    rows = [(s, access.story_text_for(request.user, s, field="text")) for s in stories]
    return render(
        request,
        "stories/list.html",
        {
            "project": project,
            "rows": rows,
            "can_collect": permissions.can(request.user, "story.collect", project),
            "research_team": permissions.can(request.user, "story.read_original", project),
        },
    )


def _collect_from(form: StoryForm, request: HttpRequest, project: Project, **extra) -> Story:
    """Record the story a valid `StoryForm` describes: the collect page and its offline twin
    (`sync_story`) both save through here."""
    d = form.cleaned_data
    upload = d.get("recording")
    return services.collect(
        project,
        actor=_actor(request),
        text=d["text"],
        language=d["language"],
        title=d["title"],
        translation=d["translation"],
        translation_language=d["translation_language"],
        medium=d["medium"],
        teller=form.teller,
        organisation=form.organisation,
        contact_name=d.get("contact_name", ""),
        prompt=d["prompt"],
        consent_level=d["consent_level"],
        consent_method=d["consent_method"],
        info_sheet_version=d["info_sheet_version"],
        answers=form.signifier_answers(),
        signifiers={s.name: s for s in form.signifiers},  # the form's, not queried again
        recording=upload.file if upload else None,
        recording_size=upload.size if upload else 0,
        **extra,
    )


@project_view("story.collect")
def collect(request: HttpRequest, project: Project) -> HttpResponse:
    ui_language = getattr(request, "LANGUAGE_CODE", "en")
    form = StoryForm(
        request.POST or None,
        request.FILES or None,
        project=project,
        initial={"language": ui_language if ui_language in languages.CODES else "en"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            story = _collect_from(form, request, project)
        except InputErrors as exc:
            for name, reason in exc.errors.items():
                target = name if name in form.fields else None
                form.add_error(target, reason if target else f"{name}: {reason}")
        else:
            messages.success(request, _("Story %(id)s saved. Thank you.") % {"id": story.pk})
            return redirect("stories:saved", slug=project.slug, pk=story.pk)
    return render(
        request,
        "stories/collect.html",
        {
            "project": project,
            "form": form,
            "fields_html": None if form.is_bound else _blank_fields(request, project, form),
        },
        status=400 if request.method == "POST" else 200,
    )


def _row(obj) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in vars(obj).items() if not k.startswith("_")))


def _blank_fields(request: HttpRequest, project: Project, form: StoryForm) -> str:
    """The blank story form's fields, drawn once per process for what they show.

    Every collector of a project opens the same blank form, and drawing its choices is
    most of the page's server CPU (benchmarks/profile_views.py). The key is everything the
    fields show: the interface language, the initial values and every column of the
    project's prompts, signifiers and partners as they are now, so a prompt added or a
    label changed is a new key, never a stale form. The CSRF token is outside it."""
    prompts = list(
        Prompt.objects.raw(
            'SELECT * FROM stories_prompt WHERE project_id = %s AND active = %s ORDER BY "order", id',
            [project.pk, True],
        )
    )  # the prompt field's choices, read in SQL: the ORM's building cost more than the query
    parts = (
        project.pk,
        get_language(),
        sorted(form.initial.items()),
        [_row(o) for o in prompts],
        [_row(o) for o in form.signifiers],
        [_row(o) for o in form.partners.values()],
    )
    key = "stories:blank-form:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "stories/_collect_fields.html", {"project": project, "form": form}, request=request
        )
        cache.set(key, html, BLANK_FORM_SECONDS)
    return mark_safe(html)  # noqa: S308 - drawn by the template above, escaped there


BLANK_FORM_SECONDS = 3600


@declares("story.read_project")
@login_required
def saved(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    story = _visible(request, slug, pk)
    return render(request, "stories/saved.html", {"project": story.project, "story": story})


@declares("story.read_project")
@login_required
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    story = _visible(request, slug, pk)
    allowed = access.access_for(request.user, story)
    is_teller = access.own_stories(request.user).filter(pk=story.pk).exists()
    show_original = allowed == consent_rules.ORIGINAL and (
        is_teller or request.GET.get("original") == "1"
    )
    label = f"web:{request.user.get_username()}"
    texts = {
        name: access.story_text_for(
            request.user, story, original=show_original, field=name, actor_label=label
        )
        for name in TEXT_FIELDS
    }
    project = story.project
    can_correct = permissions.can(request.user, "story.correct_redaction", project)
    spans = review.current_spans(story) if show_original else []
    text = texts.get("text") or ""
    segments = (
        review.original_segments(text, spans) if show_original else review.redacted_segments(text)
    )
    return render(
        request,
        "stories/detail.html",
        {
            "project": project,
            "story": story,
            "texts": texts,
            "show_original": show_original,
            "may_original": allowed == consent_rules.ORIGINAL and not is_teller,
            "is_teller": is_teller,
            "answers": [
                (a, patterns.answer_display(a.signifier, a.value))
                for a in story.answers.select_related("signifier").order_by("signifier__order")
            ],
            "may_see_patterns": permissions.can(request.user, "story.read_redacted", project),
            "can_manage": is_teller
            or permissions.can(request.user, "story.manage_consent", project),
            "can_correct": can_correct,
            "research_team": permissions.can(request.user, "story.read_original", project),
            "segments": segments,
            "masked": [seg for seg in segments if seg.type] if show_original else [],
            "unmasked": review.unmasked_spans(story) if show_original and can_correct else [],
        },
    )


@declares("story.read_project")
@login_required
def story_media(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """Stream a recording to someone allowed to see the story (recordings cannot be
    redacted, so only the teller and the research team may play them)."""
    story = _visible(request, slug, pk)
    if not story.media_path or access.access_for(request.user, story) != consent_rules.ORIGINAL:
        raise Http404(_("no recording"))
    try:
        handle = open(media.path_of(story.media_path), "rb")  # noqa: SIM115 - FileResponse closes it
    except (FileNotFoundError, TallytaleError):
        raise Http404(_("no recording")) from None
    services._audit(
        "story.play_recording", _actor(request), story, story.project, media_type=story.media_type
    )
    response = FileResponse(handle, content_type=story.media_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response


@declares("story.manage_consent")
@login_required
def consent(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    story = _visible(request, slug, pk)
    _manage_or_403(request, story)
    is_teller = access.own_stories(request.user).filter(pk=story.pk).exists()
    form = ConsentForm(
        request.POST or None, initial={"level": story.consent_level}, by_teller=is_teller
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_consent(
                story,
                form.cleaned_data["level"],
                actor=_actor(request),
                method=form.cleaned_data.get("method", ConsentMethod.ONLINE),
                info_sheet_version=form.cleaned_data.get("info_sheet_version", ""),
            )
        except TallytaleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Consent updated."))
            return redirect("stories:detail", slug=slug, pk=pk)
    label = f"web:{request.user.get_username()}"
    # the teller reads their own words; the research team reads the redacted copy here
    texts = {
        name: access.story_text_for(
            request.user, story, original=is_teller, field=name, actor_label=label
        )
        for name in ("title", "text")
    }
    return render(
        request,
        "stories/consent.html",
        {"project": story.project, "story": story, "form": form, "texts": texts},
        status=400 if request.method == "POST" else 200,
    )


@declares("story.manage_consent")
@login_required
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    story = _visible(request, slug, pk)
    _manage_or_403(request, story)
    if request.method == "POST":
        services.withdraw_story(story, actor=_actor(request))
        messages.success(request, _("The story has been withdrawn and its words erased."))
        return redirect("stories:mine")
    return render(request, "stories/withdraw.html", {"project": story.project, "story": story})


@declares(SIGNED_IN)
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    stories = access.own_stories(request.user).select_related("project").order_by("-id")
    return render(request, "stories/mine.html", {"stories": stories})


@declares(SIGNED_IN)
@login_required
@reauth_required()
@require_POST
def withdraw_all(request: HttpRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    if person is None or request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm."))
        return redirect("stories:mine")
    n = services.withdraw_everything(person, actor=_actor(request))
    messages.success(
        request,
        ngettext("%(n)s story withdrawn and erased.", "%(n)s stories withdrawn and erased.", n)
        % {"n": n},
    )
    return redirect("stories:mine")


@project_view("story.read_original")
def review_queue(request: HttpRequest, project: Project) -> HttpResponse:
    held = access.visible_stories(request.user, project).filter(held_for_review=True)
    return render(request, "stories/review.html", {"project": project, "held": held})


@declares("story.read_original")
@login_required
@require_POST
def approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    story = _visible(request, slug, pk)
    review.approve_review(story, actor=_actor(request))
    messages.success(request, _("Story %(n)s released from review.") % {"n": pk})
    return redirect("stories:review", slug=slug)


@declares("story.correct_redaction")
@login_required
def correct(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    story = _visible(request, slug, pk)
    if not permissions.can(request.user, "story.correct_redaction", story.project):
        raise PermissionDenied("story.correct_redaction")
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        added, removed = [], []
        if d["add_start"] is not None and d["add_end"] is not None:
            added.append(
                {"start": d["add_start"], "end": d["add_end"], "type": d["add_type"] or "NAME"}
            )
        if d["remove"]:
            try:
                start, end, kind = d["remove"].split("-", 2)
                removed.append({"start": int(start), "end": int(end), "type": kind})
            except ValueError:
                form.add_error("remove", _("write it as start-end-TYPE, e.g. 10-15-NAME"))
        if form.is_valid():
            try:
                review.correct_redaction(
                    story, actor=_actor(request), field=d["field"], added=added, removed=removed
                )
            except TallytaleError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Redaction corrected."))
                if request.POST.get("back") == "original":  # from the story page's list
                    return redirect(reverse("stories:detail", args=[slug, pk]) + "?original=1")
                return redirect("stories:detail", slug=slug, pk=pk)
    return render(
        request,
        "stories/correct.html",
        {
            "project": story.project,
            "story": story,
            "form": form,
            "spans": review.current_spans(story),
        },
    )


@declares("story.read_original")
@login_required
def transcript(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    story = _visible(request, slug, pk)
    if not permissions.can(request.user, "story.read_original", story.project):
        raise PermissionDenied("story.read_original")
    form = TranscriptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review.add_transcript(
                story,
                form.cleaned_data["text"],
                actor=_actor(request),
                language=form.cleaned_data["language"],
                kind=form.cleaned_data["kind"],
            )
        except TallytaleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("stories:detail", slug=slug, pk=pk)
    return render(
        request, "stories/transcript.html", {"project": story.project, "story": story, "form": form}
    )


# --- coordinator: story import ---------------------------------------------------------------


@accepts_upload("stories")
@require_http_methods(["GET", "POST"])
@project_view("people.manage")
def import_stories(request: HttpRequest, project: Project) -> HttpResponse:
    """Stories collected elsewhere: one row per story, new participants created. A preview
    first (the import rolled back), every problem listed with its line, then the import."""
    permissions.require(request.user, "story.collect", project)
    actor = _actor(request)

    def importer(path: Path):
        rows = story_importers.read_rows(path)
        return story_importers.import_stories(rows, project.slug, actor=actor)

    def start_job(upload):
        return tasks.start_import(actor=actor, project=project, upload=upload)

    state = uploads.preview_or_import(request, project, "stories", importer, start_job=start_job)
    if queued := uploads.job_page(project, state):
        return queued
    return render(
        request,
        "tallytale/import_file.html",
        {
            "project": project,
            "kind": "stories",
            "title": _("Import stories"),
            "columns": ", ".join(story_importers.REQUIRED),
            "optional": ", ".join([*story_importers.OPTIONAL, "sig:…"]),
            **state,
        },
        status=uploads.status_of(state),
    )


# --- the offline queue's endpoint ------------------------------------------------------------


@require_POST
@project_view("story.collect", sign_in=False)
def sync_story(request: HttpRequest, project: Project) -> JsonResponse:
    """The collect form's offline twin: the same form and save, answered in JSON."""
    key = offline.idempotency_key(request)
    external_id = f"offline:{key}"
    existing = Story.objects.filter(project=project, external_id=external_id).first()
    if existing is not None:
        return offline.ok("duplicate", id=existing.pk)
    form = StoryForm(request.POST, request.FILES, project=project)
    if not form.is_valid():
        return offline.invalid({k: " ".join(v) for k, v in form.errors.items()})
    try:
        story = _collect_from(form, request, project, external_id=external_id)
    except InputErrors as exc:
        return offline.invalid(dict(exc.errors))
    except (TallytaleError, IntegrityError) as exc:
        # IntegrityError: a concurrent sync of the same item inserted it first (the
        # unique (project, external_id) key); the first one's result is the answer
        again = Story.objects.filter(project=project, external_id=external_id).first()
        if again is not None:
            return offline.ok("duplicate", id=again.pk)
        if isinstance(exc, IntegrityError):
            raise
        return offline.invalid({"form": str(exc)})
    return offline.ok("saved", id=story.pk)


# --- export ---------------------------------------------------------------------------------


@require_POST
@reauth_required()
@project_view("story.read_redacted")
def export_project_stories(request: HttpRequest, project: Project, fmt: str) -> HttpResponse:
    """Queue the project's stories as CSV or JSON, always redacted, for the widest audience
    the viewer may take (decided again when the job runs); the user goes to its job page."""
    if fmt not in tasks.FORMATS:
        raise Http404(_("unknown format"))
    key = request.POST.get("idempotency_key", "")[:64]
    job = tasks.start_export(
        actor=Actor.from_request(request), project=project, fmt=fmt,
        key=f"stories:{project.pk}:{request.user.pk}:{key}" if key else None,
    )  # fmt: skip
    return redirect("web:job", project.slug, job.pk)

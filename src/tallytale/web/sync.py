"""Where the offline queue sends what a researcher collected without a signal.

Each queued submission carries the idempotency key the browser gave it when it was
queued, so a sync that is retried (a dropped connection after the server saved it, two
tabs syncing at once) never records anything twice: stories keep the key as their
`external_id`, survey responses as their `submission_id`, hours as the transfer's key.

Answers are JSON: `{"status": "saved" | "duplicate" | "invalid", "errors": {...}}`, with
400 for invalid input so the browser keeps the item for the researcher to see.
"""

from __future__ import annotations

import re

from django.db import IntegrityError
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tallytale.errors import AlreadyExists, TallytaleError
from tallytale.ledger.models import Transfer
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import can, declares, project_view, require
from tallytale.stories import services as stories
from tallytale.stories.forms import StoryForm
from tallytale.stories.models import Story
from tallytale.surveys import services as surveys
from tallytale.surveys.models import Instrument, Response, Wave
from tallytale.surveys.views import answers_from_post, form_language, respondent_and_wave

from .roles import HoursInput

KEY = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def _key(request: HttpRequest) -> str:
    key = request.POST.get("idempotency_key", "")
    if not KEY.match(key):
        raise Http404("missing or malformed idempotency key")
    return key


def _ok(status: str, **extra) -> JsonResponse:
    return JsonResponse({"status": status, **extra})


def _invalid(errors: dict[str, str]) -> JsonResponse:
    return JsonResponse({"status": "invalid", "errors": errors}, status=400)


@require_POST
@project_view("story.collect", sign_in=False)
def sync_story(request: HttpRequest, project: Project) -> JsonResponse:
    key = _key(request)
    external_id = f"offline:{key}"
    existing = Story.objects.filter(project=project, external_id=external_id).first()
    if existing is not None:
        return _ok("duplicate", id=existing.pk)
    form = StoryForm(request.POST, request.FILES, project=project)
    if not form.is_valid():
        return _invalid({k: " ".join(v) for k, v in form.errors.items()})
    d = form.cleaned_data
    upload = d.get("recording")
    try:
        story = stories.collect(
            project,
            actor=stories.Actor.from_request(request),
            text=d["text"],
            language=d["language"],
            title=d["title"],
            translation=d["translation"],
            translation_language=d["translation_language"],
            medium=d["medium"],
            teller=form.teller,
            prompt=d["prompt"],
            consent_level=d["consent_level"],
            consent_method=d["consent_method"],
            info_sheet_version=d["info_sheet_version"],
            answers=form.signifier_answers(),
            external_id=external_id,
            recording=upload.file if upload else None,
            recording_size=upload.size if upload else 0,
        )
    except stories.StoryInvalid as exc:
        return _invalid(dict(exc.errors))
    except (TallytaleError, IntegrityError) as exc:
        # IntegrityError: a concurrent sync of the same item inserted it first (the
        # unique (project, external_id) key); the first one's result is the answer
        again = Story.objects.filter(project=project, external_id=external_id).first()
        if again is not None:  # a concurrent sync of the same item won
            return _ok("duplicate", id=again.pk)
        if isinstance(exc, IntegrityError):
            raise
        return _invalid({"form": str(exc)})
    return _ok("saved", id=story.pk)


@declares("survey.respond")
@require_POST
def sync_survey(request: HttpRequest, instrument_id: int) -> JsonResponse:
    instrument = get_object_or_404(Instrument.objects.select_related("project"), pk=instrument_id)
    project = instrument.project
    on_behalf = can(request.user, "survey.enter", project)
    if not on_behalf:
        require(request.user, "survey.respond", project)
    key = _key(request)
    if Response.objects.filter(submission_id=key).exists():
        return _ok("duplicate")
    waves = list(Wave.objects.filter(project=project))
    person, wave, errors = respondent_and_wave(
        request.user,
        project,
        on_behalf,
        request.POST.get("participant", "").strip(),
        waves,
        request.POST.get("wave", ""),
    )
    if person is None and not errors:
        errors["participant"] = _("Choose the participant you are entering answers for.")
    if errors:
        return _invalid(errors)
    spec = surveys.spec_for(instrument)
    try:
        surveys.submit_response(
            instrument,
            answers_from_post(request, spec),
            person=person,
            wave=wave,
            entered_by=request.user,
            entered_by_label=f"web:{request.user.get_username()}",
            language=form_language(spec),
            submission_id=key,
        )
    except surveys.InvalidResponse as exc:
        return _invalid(dict(exc.errors))
    except AlreadyExists:
        return _ok("duplicate")
    except TallytaleError as exc:
        return _invalid({"form": str(exc)})
    return _ok("saved")


@require_POST
@project_view("ledger.record", sign_in=False)
def sync_hours(request: HttpRequest, project: Project) -> JsonResponse:
    _key(request)
    form = HoursInput(request.POST, project)
    if form.errors:
        return _invalid(form.errors)
    replay = Transfer.objects.filter(idempotency_key=form.ledger_key).exists()
    try:
        t = form.save(request)
    except TallytaleError as exc:
        return _invalid({"form": str(exc)})
    # the ledger returns the first transfer for a repeated key and writes nothing
    return _ok("duplicate" if replay else "saved", id=t.pk)

"""App credentials and submissions: the one way the OpenRosa shell changes state.

A submission is checked here only for what is OpenRosa's own (instanceID, form id, parts,
attachments); its answers go through `surveys.responses.submit_response` and its story
through `stories.services.collect`, the same services the web form, offline sync and
imports use, so validation, scoring, idempotency, consent and redaction are theirs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import time
import uuid
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from tallytale.accounts import fieldcrypt
from tallytale.audit.services import record
from tallytale.errors import InputErrors, InvalidInput, NotFound
from tallytale.programmes.models import Membership, Project, Role
from tallytale.programmes.permissions import CAPABILITIES, Actor, require, roles
from tallytale.programmes.services import get_member
from tallytale.surveys.importers import PARTICIPANT_COLUMNS
from tallytale.surveys.models import FormMedia, Instrument, Response
from tallytale.surveys.services import latest_instruments

from . import documents, storyform
from .models import AppCredential, Attachment, StoryForm, Submission

# strongest first: the role a new credential takes when none is chosen
ROLE_ORDER = [Role.ADMIN, Role.COORDINATOR, Role.RESEARCHER, Role.EVALUATOR, Role.PARTICIPANT]
MAX_XML_BYTES = 10 * 1024 * 1024
MAX_FILES = 50


# --- app credentials ------------------------------------------------------------------


REALM = "Tallytale OpenRosa"
HA1_PURPOSE = "tallytale.openrosa.AppCredential.digest_ha1 v1"
NONCE_SECONDS = 300


def _digest(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def new_nonce(now: float | None = None) -> str:
    """A stateless Digest nonce: its time and an HMAC of it, so only this server's nonces
    of the last few minutes are accepted."""
    stamp = str(int(time.time() if now is None else now))
    mac = hmac.new(settings.SECRET_KEY.encode(), f"{stamp}:{REALM}".encode(), "sha256")
    return f"{stamp}.{mac.hexdigest()[:32]}"


def nonce_state(nonce: str, now: float | None = None) -> str:
    """'ok', 'stale' (ours but expired: the client retries with a fresh one) or 'bad'."""
    stamp, _, mac = nonce.partition(".")
    if not stamp.isdigit() or not hmac.compare_digest(new_nonce(int(stamp)), nonce):
        return "bad"
    age = (time.time() if now is None else now) - int(stamp)
    return "ok" if -5 <= age <= NONCE_SECONDS else "stale"


def create_credential(
    project: Project, person_code: str, *, actor: Actor, role: str = "", label: str = ""
) -> tuple[AppCredential, str]:
    """Make a credential for a collector in this project; returns it and its password,
    which is shown once and never stored (only its sha256)."""
    require(actor, "people.manage", project)
    person = get_member(project, person_code)
    if getattr(person, "user", None) is None or not person.user.is_active:
        raise InvalidInput(
            f"{person.code} has no Tallytale account; invite them first (app credentials act "
            "as the collector's account)"
        )
    held = set(
        Membership.objects.filter(person=person, project=project).values_list("role", flat=True)
    )
    if role and role not in held:
        raise InvalidInput(f"role: {person.code} is not a {role} in {project.slug}")
    role = role or next(r for r in ROLE_ORDER if r in held)
    password = secrets.token_urlsafe(18)
    username = f"tt{secrets.token_hex(5)}"
    with transaction.atomic():
        credential = AppCredential.objects.create(
            project=project,
            person=person,
            role=role,
            username=username,
            secret_digest=_digest(password),
            digest_ha1=fieldcrypt.encrypt(_md5(f"{username}:{REALM}:{password}"), HA1_PURPOSE),
            label=label.strip()[:120],
            created_by_label=actor.label,
        )
        record(
            "openrosa.credential_create",
            actor_label=actor.label,
            actor=actor.audit_user,
            target=credential,
            project_slug=project.slug,
            person=person.code,
            role=role,
        )
    return credential, password


def revoke_credential(project: Project, pk: int, *, actor: Actor) -> AppCredential:
    require(actor, "people.manage", project)
    credential = AppCredential.objects.filter(project=project, pk=pk).first()
    if credential is None:
        raise NotFound(f"no app credential {pk} in {project.slug!r}")
    with transaction.atomic():
        if credential.revoked_at is None:
            credential.revoked_at = timezone.now()
            credential.save(update_fields=["revoked_at"])
            record(
                "openrosa.credential_revoke",
                actor_label=actor.label,
                actor=actor.audit_user,
                target=credential,
                project_slug=project.slug,
            )
    return credential


def list_credentials(project: Project, *, actor: Actor) -> list[AppCredential]:
    require(actor, "people.manage", project)
    return list(AppCredential.objects.filter(project=project).select_related("person"))


def authenticate(project: Project, username: str, password: str) -> AppCredential | None:
    """The live credential these words name in this project, or None. A credential of
    another project, a revoked one, or one whose collector lost the role is refused."""
    credential = (
        AppCredential.objects.select_related("person__user", "project")
        .filter(username=username, project=project, revoked_at__isnull=True)
        .first()
    )
    # compare even when nothing was found, so timing says nothing about usernames
    stored = credential.secret_digest if credential else _digest(secrets.token_hex(8))
    if not hmac.compare_digest(_digest(password), stored) or credential is None:
        return None
    return _live(credential, project)


def _live(credential: AppCredential | None, project: Project) -> AppCredential | None:
    """The credential if it may still act: its collector active, not erased, still in
    the role it was made for."""
    if credential is None:
        return None
    user = getattr(credential.person, "user", None)
    if user is None or not user.is_active or credential.person.erased_at is not None:
        return None
    if credential.role not in roles(user, project):
        return None
    AppCredential.objects.filter(pk=credential.pk).update(last_used_at=timezone.now())
    return credential


def authenticate_digest(
    project: Project, fields: dict[str, str], method: str, paths: tuple[str, ...]
) -> AppCredential | None:
    """Check an HTTP Digest answer (RFC 7616, MD5, qop=auth or none) for this project.
    The nonce must be this server's and fresh (the caller checks `nonce_state` first)."""
    if fields.get("realm") != REALM or fields.get("uri") not in paths:
        return None
    if fields.get("algorithm", "MD5").upper() != "MD5":
        return None
    credential = (
        AppCredential.objects.select_related("person__user", "project")
        .filter(username=fields.get("username", ""), project=project, revoked_at__isnull=True)
        .exclude(digest_ha1="")
        .first()
    )
    if credential is None:
        return None
    try:
        ha1 = fieldcrypt.decrypt(credential.digest_ha1, HA1_PURPOSE)
    except fieldcrypt.UnreadableSecret:
        return None
    ha2 = _md5(f"{method}:{fields['uri']}")
    qop = fields.get("qop", "")
    if qop == "auth":
        parts = (ha1, fields.get("nonce", ""), fields.get("nc", ""), fields.get("cnonce", ""))
        expected = _md5(":".join([*parts, qop, ha2]))
    elif qop == "":
        expected = _md5(f"{ha1}:{fields.get('nonce', '')}:{ha2}")
    else:
        return None
    if not hmac.compare_digest(expected, fields.get("response", "")):
        return None
    return _live(credential, project)


def actor_of(credential: AppCredential) -> Actor:
    return Actor(f"openrosa:{credential.username}", credential.person.user)


def allows(credential: AppCredential, capability: str) -> bool:
    """Whether the credential's own role holds a capability (a credential never carries
    more than the role it was made for, whatever else its collector holds)."""
    return credential.role in CAPABILITIES[capability]


# --- forms ----------------------------------------------------------------------------


@dataclass
class ServedForm:
    form_id: str
    version: str
    title: str
    xform: str
    kind: str  # "survey" or "story"
    media: list[Any] = dc_field(default_factory=list)  # surveys.FormMedia of the version

    @property
    def hash(self) -> str:
        return "md5:" + hashlib.md5(self.xform.encode(), usedforsecurity=False).hexdigest()


def story_form(project: Project) -> StoryForm:
    """The project's current story form, stored once per version (its XML never changes)."""
    version, title, xform, fields = storyform.build(project)
    found = StoryForm.objects.filter(
        project=project, form_id=storyform.FORM_ID, version=version
    ).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return StoryForm.objects.create(
                project=project,
                form_id=storyform.FORM_ID,
                version=version,
                title=title,
                xform=xform,
                fields=fields,
            )
    except IntegrityError:  # another request stored the same version first
        return StoryForm.objects.get(project=project, form_id=storyform.FORM_ID, version=version)


def forms_for(credential: AppCredential) -> list[ServedForm]:
    """The forms this collector may fill: the current version of each instrument (to enter
    for participants, or to answer for themselves) and, for story collectors, the story form."""
    project = credential.project
    instruments = [i for i in latest_instruments(project) if i.xform]
    media: dict[int, list[FormMedia]] = {}
    for m in FormMedia.objects.filter(instrument__in=instruments):
        media.setdefault(m.instrument_id, []).append(m)
    served = [
        ServedForm(
            i.form_id, i.version, i.title or i.form_id, i.xform, "survey", media.get(i.pk, [])
        )
        for i in instruments
        if allows(credential, "survey.enter") or allows(credential, "survey.respond")
    ]
    if allows(credential, "story.collect"):
        sf = story_form(project)
        served.append(ServedForm(sf.form_id, sf.version, sf.title, sf.xform, "story"))
    return served


def find_form(credential: AppCredential, form_id: str) -> ServedForm:
    for f in forms_for(credential):
        if f.form_id == form_id:
            return f
    raise NotFound(f"no form {form_id!r} for you in this project")


def media_file(credential: AppCredential, form_id: str, filename: str) -> tuple[Path, Any]:
    """(private path, FormMedia) of a media file of a form this credential may fill."""
    for m in find_form(credential, form_id).media:
        if m.filename == filename:
            return Path(settings.MEDIA_ROOT) / m.path, m
    raise NotFound(f"form {form_id!r} has no media file {filename!r}")


# --- submissions ----------------------------------------------------------------------


@dataclass
class Received:
    status: int  # 201 stored, 202 already stored
    message: str


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "openrosa"


def _save_file(upload: Any, project: Project) -> tuple[str, int, str]:
    rel = Path("openrosa") / str(project.pk) / uuid.uuid4().hex
    dest = Path(settings.MEDIA_ROOT) / rel
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    md5 = hashlib.md5(usedforsecurity=False)
    size = 0
    with open(dest, "xb") as out:
        for chunk in upload.chunks():
            md5.update(chunk)
            size += len(chunk)
            out.write(chunk)
    dest.chmod(0o600)
    return str(rel), size, md5.hexdigest()


def _delete_files(paths: list[str]) -> None:
    for rel in paths:
        (Path(settings.MEDIA_ROOT) / rel).unlink(missing_ok=True)


def _participant(credential: AppCredential, leaves: dict[str, str]) -> Any:
    """The participant a survey submission is about: the code the form asks for
    (participant_code, ...), looked up in this project only; else the collector themselves
    when they are a participant answering for themselves."""
    project = credential.project
    for name in PARTICIPANT_COLUMNS:
        code = leaves.get(name, "").strip()
        if code:
            try:
                return get_member(project, code)
            except NotFound:
                raise InvalidInput(
                    f"{name}: {code!r} is not a participant of this project"
                ) from None
    if credential.role == Role.PARTICIPANT:
        return credential.person
    raise InvalidInput(
        "this form names no participant: add a participant_code question, or let the "
        "participant answer with their own app credential"
    )


def _to_response(
    credential: AppCredential, instrument: Instrument, instance: documents.Instance
) -> Response:
    from tallytale.surveys.responses import submit_response

    spec_repeats = set(instrument.questions.filter(type="repeat").values_list("path", flat=True))
    leaves = instance.leaves()
    person = _participant(credential, leaves)
    if person.pk != credential.person_id and not allows(credential, "survey.enter"):
        raise PermissionDenied("survey.enter")  # a participant's credential: their own answers
    wave = leaves.get("wave", "").strip() or None
    try:
        return submit_response(
            instrument,
            instance.answers(spec_repeats),
            person=person,
            wave=wave,
            entered_by=credential.person.user,
            entered_by_label=f"openrosa:{credential.username}",
            language="",
            submission_id=instance.instance_id.removeprefix("uuid:"),
            source="openrosa",
        )
    except NotFound as exc:  # a wave the form names that this project does not have
        raise InvalidInput(f"wave: {exc}") from None


def _to_story(
    credential: AppCredential, form: StoryForm, instance: documents.Instance, files: dict
) -> Any:
    from tallytale.stories import services as stories
    from tallytale.stories.models import Prompt

    project = credential.project
    leaves = instance.leaves()
    errors: dict[str, str] = {}
    teller = None
    if leaves.get("teller_code"):
        try:
            teller = get_member(project, leaves["teller_code"])
        except NotFound:
            errors["teller_code"] = f"{leaves['teller_code']!r} is not a member of this project"
    prompt = None
    if leaves.get("prompt"):
        pk = form.fields.get("prompts", {}).get(leaves["prompt"])
        prompt = Prompt.objects.filter(project=project, pk=pk).first() if pk else None
        if prompt is None:
            errors["prompt"] = f"{leaves['prompt']!r} is not one of this project's prompts"
    answers: dict[str, Any] = {}
    for field, entry in form.fields.get("signifiers", {}).items():
        raw = leaves.get(field, "")
        if not raw:
            continue
        if entry.get("options"):
            names = entry["options"]
            picked = raw.split()
            unknown = [p for p in picked if p not in names]
            if unknown:
                errors[field] = f"{unknown[0]!r} is not one of the options"
                continue
            answers[entry["name"]] = [names[p] for p in picked]
        else:
            answers[entry["name"]] = raw
    if errors:
        raise InputErrors(
            [f"{k}: {v}" for k, v in errors.items()],
            "; ".join(f"{k}: {v}" for k, v in errors.items()),
        )
    audio_name = leaves.get("story_audio", "")
    recording: BinaryIO | None = None
    fields: dict[str, Any] = {}
    if audio_name:
        path = files.get(audio_name)
        if path is None:
            raise InvalidInput(f"story_audio: the file {audio_name!r} was not sent")
        recording = open(Path(settings.MEDIA_ROOT) / path, "rb")  # noqa: SIM115 - closed below
        fields = {"medium": "audio", "recording_size": recording.seek(0, 2)}
    try:
        return stories.collect(
            project,
            actor=actor_of(credential),
            recording=recording,
            text=leaves.get("story_text", ""),
            title=leaves.get("title", ""),
            language=leaves.get("language", ""),
            teller=teller,
            prompt=prompt,
            consent_level=leaves.get("consent_level", ""),
            consent_method=leaves.get("consent_method", ""),
            answers=answers,
            external_id=instance.instance_id,
            **fields,
        )
    finally:
        if recording is not None:
            recording.close()


def _done(credential: AppCredential, instance: documents.Instance, kind: str) -> bool:
    """Whether this instanceID already became a response or story (a resend)."""
    if kind == "survey":
        return Response.objects.filter(
            submission_id=instance.instance_id.removeprefix("uuid:"),
            project=credential.project,
        ).exists()
    from tallytale.stories.models import Story

    return Story.objects.filter(
        project=credential.project, external_id=instance.instance_id
    ).exists()


def receive(
    credential: AppCredential, xml: Any, files: list[Any], *, incomplete: bool = False
) -> Received:
    """Take one POST of a submission: all of it or none of it.

    The first part stores the instance; later parts of a split submission (same
    instanceID) add their attachments. The part that completes it (no `*isIncomplete*`)
    turns it into a survey response or a story; a resend after that answers 202.
    """
    project = credential.project
    if xml.size > MAX_XML_BYTES:
        raise InvalidInput(f"xml_submission_file is over {MAX_XML_BYTES // 1048576} MB")
    if len(files) > MAX_FILES:
        raise InvalidInput(f"too many attachments in one part (the limit is {MAX_FILES})")
    instance = documents.parse_instance(xml.read())
    form = find_form(credential, instance.form_id)
    if instance.version and instance.version != form.version:
        form = _version(credential, form, instance.version)
    written: list[str] = []
    try:
        with transaction.atomic():
            if _done(credential, instance, form.kind):
                return Received(202, "This submission was already received.")
            sub = _claim(credential, instance)
            if sub.form_id != instance.form_id:
                raise InvalidInput(
                    f"instanceID {instance.instance_id} was already sent for another form"
                )
            if sub.completed_at is not None:
                return Received(202, "This submission was already received.")
            have = set(sub.files.values_list("name", flat=True))
            for upload in files:
                name = Path(upload.name or "").name[:255]
                if not name or name in have:
                    continue  # a resent part: the file is already here
                rel, size, md5 = _save_file(upload, project)
                written.append(rel)
                Attachment.objects.create(submission=sub, name=name, path=rel, size=size, md5=md5)
                have.add(name)
            _audit(credential, sub, "openrosa.submission_part", files=len(written))
            if incomplete:
                return Received(201, "Part received; waiting for the rest of this submission.")
            stored = dict(sub.files.values_list("name", "path"))
            if form.kind == "survey":
                instrument = Instrument.objects.get(
                    project=project, form_id=form.form_id, version=form.version
                )
                made = _to_response(credential, instrument, instance)
                sub.response_id = made.pk
            else:
                sf = StoryForm.objects.get(
                    project=project, form_id=form.form_id, version=form.version
                )
                made = _to_story(credential, sf, instance, stored)
                sub.story_id = made.pk
            sub.completed_at = timezone.now()
            sub.xml = ""  # the answers now live in the response or story (and are erased there)
            sub.save(update_fields=["response_id", "story_id", "completed_at", "xml"])
            old = list(sub.files.values_list("path", flat=True))
            sub.files.all().delete()
            transaction.on_commit(lambda: _delete_files(old))
            _audit(credential, sub, "openrosa.submission", kind=form.kind, target_id=made.pk)
    except BaseException:
        _delete_files(written)
        raise
    return Received(201, "Thank you: your submission was received.")


def _find(rows: Any) -> Submission | None:
    return rows.first()


def _claim(credential: AppCredential, instance: documents.Instance) -> Submission:
    """The submission row for this instanceID, locked until the transaction ends; created
    by the first part. When two parts race, the loser of the insert waits for the winner's
    row and adds to it (never a 500 and never two submissions)."""
    rows = Submission.objects.select_for_update().filter(
        project=credential.project, instance_id=instance.instance_id
    )
    found = _find(rows)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Submission.objects.create(
                project=credential.project,
                instance_id=instance.instance_id,
                form_id=instance.form_id,
                form_version=instance.version,
                xml=instance_text(instance),
                credential=credential,
            )
    except IntegrityError:
        return rows.get()


def instance_text(instance: documents.Instance) -> str:
    from xml.etree.ElementTree import tostring  # noqa: S405 - serialising a parsed tree

    return tostring(instance.root, encoding="unicode")


def _version(credential: AppCredential, current: ServedForm, version: str) -> ServedForm:
    """An older version of a form still takes submissions filled before it changed."""
    project = credential.project
    if current.kind == "survey":
        old = Instrument.objects.filter(
            project=project, form_id=current.form_id, version=version
        ).first()
        if old is not None:
            return ServedForm(old.form_id, old.version, old.title, old.xform, "survey")
    else:
        sf = StoryForm.objects.filter(
            project=project, form_id=current.form_id, version=version
        ).first()
        if sf is not None:
            return ServedForm(sf.form_id, sf.version, sf.title, sf.xform, "story")
    raise InvalidInput(f"form {current.form_id!r} has no version {version!r} here")


def _audit(credential: AppCredential, sub: Submission, action: str, **detail: Any) -> None:
    record(
        action,
        actor_label=f"openrosa:{credential.username}",
        actor=credential.person.user,
        target=sub,
        project_slug=credential.project.slug,
        form=sub.form_id,
        **detail,
    )


def clean_incomplete(now: dt.datetime | None = None) -> int:
    """Delete submissions whose last part never came, with their files, once older than
    TALLYTALE_UPLOAD_EXPIRY_HOURS: they hold answers (and recordings) that became nobody's
    response or story, so they must not outlive an abandoned upload. Returns how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=settings.TALLYTALE_UPLOAD_EXPIRY_HOURS)
    gone = 0
    for sub in Submission.objects.filter(completed_at__isnull=True, created_at__lt=cutoff):
        paths = list(sub.files.values_list("path", flat=True))
        with transaction.atomic():
            sub.delete()
        _delete_files(paths)
        gone += 1
    return gone

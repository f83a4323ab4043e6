"""The OpenRosa 1.0 endpoints ODK Collect, KoboCollect, Enketo and ODK Web Forms talk to.

Every answer carries `X-OpenRosa-Version: 1.0` and `Date`; every refusal is an
OpenRosaResponse whose message a collector can read on the phone. Clients authenticate
with HTTP Basic and an app credential of this project (served over HTTPS in production:
`TALLYTALE_HTTPS=1` redirects plain HTTP before any credential is read).
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from tallytale.accounts import ratelimit
from tallytale.accounts.addresses import client_address
from tallytale.errors import AlreadyExists, InvalidInput, NotFound
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import declares

from . import documents, services
from .models import AppCredential

REALM = services.REALM
XML = "text/xml; charset=utf-8"


def max_submission_bytes() -> int:
    return int(getattr(settings, "OPENROSA_MAX_SUBMISSION_MB", 50)) * 1024 * 1024


def _headers(response: HttpResponse) -> HttpResponse:
    response["X-OpenRosa-Version"] = "1.0"
    response["Date"] = http_date()
    return response


def message(text: str, status: int, nature: str = "") -> HttpResponse:
    return _headers(
        HttpResponse(documents.response_message(text, nature), status=status, content_type=XML)
    )


def _basic(request: HttpRequest) -> tuple[str, str] | None:
    kind, _, value = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if kind.lower() != "basic" or not value:
        return None
    try:
        username, sep, password = base64.b64decode(value, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (username, password) if sep else None


_PARAM = re.compile(r'(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))')


def _digest_fields(request: HttpRequest) -> dict[str, str] | None:
    kind, _, value = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if kind.lower() != "digest" or not value:
        return None
    return {
        m[1].lower(): re.sub(r"\\(.)", r"\1", m[2]) if m[2] is not None else m[3]
        for m in _PARAM.finditer(value)
    }


def _unauthorised(text: str, stale: bool = False) -> HttpResponse:
    """401 with both challenges: Digest (what ODK Collect prefers over plain HTTP) and
    Basic (over HTTPS), in one header as RFC 7235 allows."""
    response = message(text, 401, "error")
    digest = f'Digest realm="{REALM}", qop="auth", algorithm=MD5, nonce="{services.new_nonce()}"'
    if stale:
        digest += ", stale=true"
    response["WWW-Authenticate"] = f'{digest}, Basic realm="{REALM}", charset="UTF-8"'
    return response


def _credential(
    request: HttpRequest, project: Project | None
) -> tuple[AppCredential | None, bool, bool]:
    """(credential, whether credentials were offered, whether a Digest nonce was stale)."""
    words = _basic(request)
    if words is not None:
        found = services.authenticate(project, *words) if project is not None else None
        return found, True, False
    fields = _digest_fields(request)
    if fields is None:
        return None, False, False
    state = services.nonce_state(fields.get("nonce", ""))
    if state == "stale":
        return None, False, True
    if state != "ok" or project is None:
        return None, True, False
    paths = (request.get_full_path(), request.path)
    return services.authenticate_digest(project, fields, request.method or "", paths), True, False


def _limited(key: str, limit: int) -> HttpResponse | None:
    if ratelimit.hit(key) <= limit:
        return None
    response = message("Too many requests; wait a minute and try again.", 429, "error")
    response["Retry-After"] = str(int(settings.RATE_LIMIT_WINDOW.total_seconds()))
    return response


def openrosa(capability: str) -> Callable:
    """Authenticate the app credential for the project in the URL, rate-limit it, and turn
    every refusal into an OpenRosaResponse with the protocol headers."""

    def wrap(view: Callable) -> Callable:
        @csrf_exempt
        @declares(capability)
        @functools.wraps(view)
        def inner(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site":
                # a browser holding Basic credentials for this site, driven by another site
                # (CSRF): phones never send this header, browsers on another origin always do
                return message("Requests from other sites are refused.", 403, "error")
            address = client_address(request)
            failures = f"openrosa-fail:{address}"
            if ratelimit.count(failures) >= getattr(settings, "OPENROSA_MAX_FAILURES", 20):
                return _limited(failures, 0) or message("Too many requests.", 429, "error")
            project = Project.objects.filter(slug=slug).first()
            credential, offered, stale = _credential(request, project)
            if credential is None:
                if offered:
                    ratelimit.hit(failures)
                    return _unauthorised("Wrong username or password for this project.")
                return _unauthorised(
                    "Sign in with the app credential your coordinator gave you.", stale
                )
            too_many = _limited(
                f"openrosa:{credential.pk}", getattr(settings, "OPENROSA_RATE_LIMIT", 120)
            )
            if too_many:
                return too_many
            try:
                response = view(request, credential, *args, **kwargs)
            except RequestDataTooBig:
                return message("The submission is too large.", 413, "error")
            except MultiPartParserError as exc:
                return message(f"The multipart body cannot be read ({exc}).", 400, "error")
            except NotFound as exc:
                return message(str(exc), 404, "error")
            except PermissionDenied:
                return message("Your app credential may not do this in this project.", 403)
            except (InvalidInput, AlreadyExists) as exc:
                return message(str(exc), 400, "error")
            return _headers(response)

        return inner

    return wrap


def _url(request: HttpRequest, name: str, *args: Any) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


@openrosa("survey.respond")
def form_list(request: HttpRequest, credential: AppCredential) -> HttpResponse:
    """GET formList: the forms this collector may fill (optionally one `formID`)."""
    if request.method not in ("GET", "HEAD"):
        return message("Use GET.", 405)
    wanted = request.GET.get("formID", "")
    slug = credential.project.slug
    forms = [
        {
            "formID": f.form_id,
            "name": f.title,
            "version": f.version,
            "hash": f.hash,
            "downloadUrl": _url(request, "openrosa:form", slug, f.form_id),
            "manifestUrl": _url(request, "openrosa:manifest", slug, f.form_id) if f.media else "",
        }
        for f in services.forms_for(credential)
        if not wanted or f.form_id == wanted
    ]
    return HttpResponse(documents.form_list(forms), content_type=XML)


@openrosa("survey.respond")
def form(request: HttpRequest, credential: AppCredential, form_id: str) -> HttpResponse:
    """The XForm exactly as pyxform produced it at import (its md5 is the listed hash)."""
    if request.method not in ("GET", "HEAD"):
        return message("Use GET.", 405)
    found = services.find_form(credential, form_id)
    return HttpResponse(found.xform.encode(), content_type=XML)


@openrosa("survey.respond")
def manifest(request: HttpRequest, credential: AppCredential, form_id: str) -> HttpResponse:
    """The form's media files (`tallytale import form-media`) with their md5 hashes."""
    if request.method not in ("GET", "HEAD"):
        return message("Use GET.", 405)
    slug = credential.project.slug
    files = [
        {
            "filename": m.filename,
            "hash": f"md5:{m.md5}",
            "downloadUrl": _url(request, "openrosa:media", slug, form_id, m.filename),
        }
        for m in services.find_form(credential, form_id).media
    ]
    return HttpResponse(documents.manifest(files), content_type=XML)


@openrosa("survey.respond")
def media(
    request: HttpRequest, credential: AppCredential, form_id: str, filename: str
) -> HttpResponse:
    """One media file of a form, from private storage."""
    if request.method not in ("GET", "HEAD"):
        return message("Use GET.", 405)
    path, found = services.media_file(credential, form_id, filename)
    return FileResponse(open(path, "rb"), content_type=found.content_type)  # noqa: SIM115


@openrosa("survey.respond")
def submission(request: HttpRequest, credential: AppCredential) -> HttpResponse:
    """HEAD: 204 with the largest body accepted. POST: one part of a submission."""
    limit = max_submission_bytes()
    if request.method in ("HEAD", "GET"):
        response = HttpResponse(status=204)
        response["X-OpenRosa-Accept-Content-Length"] = str(limit)
        return response
    if request.method != "POST":
        return message("Use HEAD or POST.", 405)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        return message(
            f"The submission is larger than {limit // 1048576} MB; send it in parts.", 413
        )
    if not request.content_type.startswith("multipart/form-data"):
        raise InvalidInput("send multipart/form-data with an xml_submission_file")
    xml = request.FILES.get("xml_submission_file")
    if xml is None:
        raise InvalidInput("the request has no xml_submission_file")
    files = [f for key, fs in request.FILES.lists() if key != "xml_submission_file" for f in fs]
    incomplete = request.POST.get("*isIncomplete*", "").lower() == "yes"
    received = services.receive(credential, xml, files, incomplete=incomplete)
    response = HttpResponse(
        documents.response_message(received.message, "submit_success"),
        status=received.status,
        content_type=XML,
    )
    response["Location"] = request.build_absolute_uri()
    return response

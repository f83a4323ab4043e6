"""Site-wide pages: home (each role's way in), sign-in, and the installable web app's
service worker, manifest and offline queue page.

The service worker is served from the site root (not /static/) so its scope covers every
page it must answer offline.
"""

from __future__ import annotations

import functools
import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.signals import setting_changed
from django.db.models import Q
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tallytale.programmes.models import Membership, Role
from tallytale.programmes.permissions import (
    CAPABILITIES,
    PUBLIC,
    SIGNED_IN,
    can,
    declares,
    projects_where,
    roles,
)

# bump when the service worker's own logic changes (page caches are refreshed on visit)
SW_VERSION = "1"


# (capability, URL name, label): each project's pages, shown only to those who may open them
PROJECT_LINKS: list[tuple[str, str, str]] = [
    ("story.collect", "web:research", gettext_lazy("Collect and record (works offline)")),
    ("story.collect", "stories:collect", gettext_lazy("Collect a story")),
    ("ledger.record", "web:hours", gettext_lazy("Log hours")),
    ("story.read_project", "stories:list", gettext_lazy("Stories")),
    ("story.read_original", "stories:review", gettext_lazy("Stories to review")),
    ("coding.code", "coding:codebook", gettext_lazy("Code stories")),
    ("story.read_redacted", "coding:themes", gettext_lazy("Themes")),
    ("people.manage", "web:coordinate", gettext_lazy("Coordinate: dashboard, members, ledger")),
    ("people.manage", "web:members", gettext_lazy("Members and budgets")),
    ("people.manage", "accounts:people", gettext_lazy("Accounts and invitations")),
    ("ledger.correct", "web:ledger", gettext_lazy("Ledger and corrections")),
    ("ledger.correct", "web:import", gettext_lazy("Import hours")),
    ("people.manage", "web:import_stories", gettext_lazy("Import stories")),
    ("survey.manage", "web:import_responses", gettext_lazy("Import survey responses")),
    ("survey.manage", "web:waves", gettext_lazy("Survey waves")),
    ("evidence.read", "web:evaluate", gettext_lazy("Evaluate: figures and exports")),
    ("evidence.read", "evidence:report", gettext_lazy("Evidence report")),
    ("community.participate", "community:home", gettext_lazy("Priorities and votes")),
    ("community.participate", "community:reviews", gettext_lazy("Check our findings")),
    ("community.participate", "community:actions", gettext_lazy("You said, we did")),
]


#: The main places of a project, by one short name each: the project menu on every page
#: and the links on the home page use these names, so a place is called the same
#: everywhere. (capability, URL name, name), in the menu's order.
PLACES: list[tuple[str, str, str]] = [
    ("story.collect", "web:research", gettext_lazy("Collect")),
    ("story.read_project", "stories:list", gettext_lazy("Stories")),
    ("coding.code", "coding:codebook", gettext_lazy("Coding")),
    ("people.manage", "web:coordinate", gettext_lazy("Dashboard")),
    ("people.manage", "web:members", gettext_lazy("Members")),
    ("ledger.correct", "web:ledger", gettext_lazy("Ledger")),
    ("evidence.read", "web:evaluate", gettext_lazy("Evaluate")),
    ("community.participate", "community:home", gettext_lazy("Community")),
]
PLACE_NAMES = {name: label for _c, name, label in PLACES}


def project_links(user, project) -> list[dict[str, str]]:
    """The pages of a project this user may open, in the order of `PROJECT_LINKS`; a main
    place is named as in the menu, with what it holds as a hint."""
    held = {cap: can(user, cap, project) for cap in {c for c, _n, _l in PROJECT_LINKS}}
    out = []
    for cap, name, label in PROJECT_LINKS:
        if not held[cap]:
            continue
        place = PLACE_NAMES.get(name)
        out.append(
            {
                "url": reverse(name, args=[project.slug]),
                "label": str(place or label),
                "hint": str(label) if place and str(place) != str(label) else "",
                "name": name,
            }
        )
    return out


def project_places(user, project, current: str = "") -> list[dict[str, object]]:
    """The project menu: the main places this user may open, the current one marked."""
    held = frozenset(roles(user, project))
    return [
        {"url": url, "label": label, "current": name == current}
        for name, url, label in _places(project.slug, held, get_language(), get_script_prefix())
    ]


@receiver(setting_changed)
def _forget_places(**kwargs) -> None:
    _places.cache_clear()  # URLs and labels follow the settings (tests override them)


@functools.lru_cache(maxsize=4096)
def _places(
    slug: str, held: frozenset[str], language: str, prefix: str
) -> tuple[tuple[str, str, str], ...]:
    """(view name, URL, label) of the places a holder of these roles may open: what
    `can` answers depends on the roles alone, so every project page (the menu is on each)
    looks its menu up instead of checking and reversing eight places again."""
    allowed = {cap for cap, _n, _l in PLACES if held & CAPABILITIES[cap]}
    return tuple(
        (name, reverse(name, args=[slug]), str(label))
        for cap, name, label in PLACES
        if cap in allowed
    )


@declares(SIGNED_IN)
@login_required
def home(request: HttpRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    memberships = (
        Membership.objects.filter(person=person).select_related("project").order_by("project__slug")
        if person
        else []
    )
    projects: dict[int, dict] = {}
    for m in memberships:
        entry = projects.setdefault(
            m.project_id, {"project": m.project, "roles": [], "tools": set()}
        )
        entry["roles"].append(m.get_role_display())
    for entry in projects.values():
        entry["links"] = project_links(request.user, entry["project"])
    staff = any(m.role != Role.PARTICIPANT for m in memberships)
    roles = {m.role for m in memberships}
    if (
        len(projects) == 1
        and Role.COORDINATOR in roles
        and Role.PARTICIPANT not in roles
        and "projects" not in request.GET
    ):
        # a coordinator of one project starts the day on its dashboard, not on a list of links
        (only,) = projects.values()
        return redirect("web:coordinate", slug=only["project"].slug)
    return render(
        request,
        "tallytale/home.html",
        {
            "projects": list(projects.values()),
            "member": _member_summary(request, person) if person is not None else None,
            "staff": staff or request.user.is_staff,
        },
    )


def _member_summary(request: HttpRequest, person) -> dict:
    """What a member opens the app for: their balance, their stories and the surveys they
    have not answered yet (in the open wave when one is open), in a handful of queries."""
    from tallytale.ledger import statements
    from tallytale.stories import access
    from tallytale.surveys import services as surveys
    from tallytale.surveys.models import Response, Wave

    projects = projects_where(request.user, "survey.respond")
    today = timezone.localdate()
    open_waves = {
        w.project_id: w
        for w in Wave.objects.filter(project__in=projects)
        .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=today))
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .order_by("position", "id")
    }
    answered = {
        (r["project_id"], r["instrument__form_id"], r["wave_id"])
        for r in Response.objects.filter(person=person).values(
            "project_id", "instrument__form_id", "wave_id"
        )
    }
    to_answer = []
    for i in surveys.latest_instruments(projects):
        wave = open_waves.get(i.project_id)
        done = any(
            p == i.project_id and f == i.form_id and (wave is None or w == wave.pk)
            for p, f, w in answered
        )
        if not done:
            to_answer.append(i)
    stories = access.own_stories(request.user).filter(withdrawn_at__isnull=True)
    return {
        "balance_minutes": statements.balance(person.code),
        "stories": stories.select_related("project").order_by("-id")[:3],
        "story_count": stories.count(),
        "to_answer": to_answer,
    }


@declares(PUBLIC)
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """A load balancer's check, and the benchmarks' floor: the cheapest request that
    passes every middleware. Says nothing about the installation."""
    return HttpResponse("ok", content_type="text/plain")


@declares(PUBLIC)
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker script, at /sw.js so that its scope is the whole site.

    Rendered in the reader's language: its shell cache names the language, so switching
    language makes the browser install a new worker that keeps the offline page in the new
    language (and drops the old shell), and its last-resort page is already translated
    (a worker has no DOM to read words from).
    """
    language = get_language() or settings.LANGUAGE_CODE
    offline_page = format_html(
        '<!doctype html><html lang="{}" dir="{}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Tallytale</title></head><body><main><h1>Tallytale</h1><p>{}</p>"
        '<p><a href="{}">{}</a></p></main></body></html>',
        language,
        "rtl" if get_language_bidi() else "ltr",
        _("You are offline, and this page is not kept on this device."),
        reverse("web:offline"),
        _("Waiting to sync"),
    )
    shell = [
        static("tallytale/site.css"),
        static("tallytale/offline.js"),
        static("tallytale/icon.svg"),
        static("stories/draft.js"),
        static("stories/stories.css"),
        static("surveys/survey.css"),
        reverse("web:offline"),
    ]
    body = render_to_string(
        "web/sw.js",
        {
            "version": SW_VERSION,
            "language": language,
            "offline_page": json.dumps(str(offline_page)),
            "shell": json.dumps(shell),
            "offline_url": json.dumps(reverse("web:offline")),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@declares(PUBLIC)
@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """Web app manifest: lets researchers install Tallytale on a phone's home screen."""
    data = {
        "name": "Tallytale",
        "short_name": "Tallytale",
        "description": _("Time credits, surveys and stories for community-led health."),
        "start_url": reverse("web:home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5cad",
        "icons": [
            {"src": static("tallytale/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )


@declares(PUBLIC)
@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What is waiting to sync on this device (read from the browser's queue by offline.js).

    Public and personal-data free: the server knows nothing of the queue, and the page must
    be cached to open without a connection.
    """
    return render(request, "web/offline.html")

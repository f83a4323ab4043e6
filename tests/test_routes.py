"""Every route declares the permission it enforces, and enforces it for every role.

The routes are read from the URL configuration, so a new view cannot be added without a
declaration (`tallytale.programmes.permissions.declares`). The matrix then requests each
route as each role in project `cwm` (and as an outsider and as nobody) and compares the
status with what the declaration implies. Object ids come from a seeded project; a route
whose ids this file does not know is still checked for anonymous users and outsiders.
"""

from __future__ import annotations

import base64
import re

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver

from tallytale.accounts import services as accounts
from tallytale.api.main import operations
from tallytale.community import services as community
from tallytale.openrosa import services as openrosa
from tallytale.programmes.permissions import (
    CAPABILITIES,
    INSTALLATION,
    PUBLIC,
    SIGNED_IN,
    Actor,
    declared_permission,
)
from tallytale.stories import services as stories
from tallytale.surveys import services as surveys
from tests.accounts import roles

cwm = roles.cwm
role_users = roles.role_users
ROLES = roles.ROLES

# Django's own views, which cannot carry a declaration.
EXEMPT = {"set_language": PUBLIC, "api:openapi-json": PUBLIC, "api:api-root": PUBLIC}
EXEMPT_NAMESPACES = ("admin:",)  # Django admin: staff only, checked by Django
# Known gaps: the view shows a page the declaration says it should refuse. Fix the view,
# then remove the entry (the test fails while an entry here no longer applies).
KNOWN_GAPS: set[tuple[str, str]] = set()
# Routes where a participant acts on their own object: the seeded story's teller is the
# participant user, and a teller may change consent on or withdraw their own story.
OWNER = {("stories:consent", "participant"), ("stories:withdraw", "participant")}
# Routes of apps whose ids and formats this file does not seed yet: checked for anonymous
# users and outsiders only. Add their ids to `seeded` to check every role.
PARTIAL = {"coding:export", "evidence:download", "web:budget", "web:sync_hours", "web:sync_story"}
# OpenRosa endpoints take HTTP Basic with an app credential (of the same role in the same
# project), not a session; an unknown or other project's credential is refused with 401.
OPENROSA_PROTOCOL = {
    "openrosa:server",
    "openrosa:form_list",
    "openrosa:form",
    "openrosa:manifest",
    "openrosa:media",
    "openrosa:submission",
}


def walk(resolver=None, prefix: str = "", ns: str = ""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            sub = ns + (f"{p.namespace}:" if p.namespace else "")
            yield from walk(p, prefix + str(p.pattern), sub)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), ns + (p.name or ""), p


def is_api(p: URLPattern) -> bool:
    return getattr(p.callback, "__module__", "") == "ninja.operation"


def test_every_view_declares_its_permission():
    missing = []
    for route, name, p in walk():
        if name in EXEMPT or name.startswith(EXEMPT_NAMESPACES) or is_api(p):
            continue
        if declared_permission(p.callback) is None:
            missing.append(f"{route} ({name})")
    assert missing == [], "views without @declares(...): " + ", ".join(missing)


def test_every_api_operation_declares_its_permission():
    ops = list(operations())
    assert ops
    missing = [f"{m} {r}" for m, r, fn in ops if getattr(fn, "tallytale_permission", None) is None]
    assert missing == []
    api_routes = [route for route, name, p in walk() if is_api(p)]
    assert len(api_routes) >= len({r for _, r, _ in ops})


def allowed(permission: str, who: str) -> bool | None:
    if who == "anonymous":
        return permission == PUBLIC
    if permission in (PUBLIC, SIGNED_IN):
        return True
    if permission == INSTALLATION:
        return False  # no role in a project makes anyone a superuser
    return who in CAPABILITIES[permission]


@pytest.fixture
def seeded(cwm, role_users):
    """Objects in cwm for every kind of id a route takes."""
    coord = role_users["coordinator"]
    story = stories.collect(
        cwm,
        actor=stories.Actor("cli:test"),
        text="It helped a lot.",
        language="en",
        consent_level="project",
        teller=role_users["participant"].person,
    )
    rnd = community.open_round(cwm, "Round", user=coord)
    prio = community.raise_priority(cwm, "Buses", user=coord)
    rq = community.adopt_priority(
        community.raise_priority(cwm, "Damp", user=coord), "Why damp?", user=coord
    )
    review = community.open_review(cwm, "c1", "Buses matter", user=coord)
    action = community.record_action(cwm, "Ask", "Council", user=coord)
    note = community.publish_note(cwm, "Lunch", worked="yes", user=coord)
    _, invitation = accounts.invite(cwm, "NEW1", actor=coord)
    surveys.install_builtin("swemwbs", "cwm")
    app_credential, _ = openrosa.create_credential(cwm, "P1", actor=Actor.cli())
    links: list[str] = []
    coord.email = "c1@example.org"
    coord.save()
    accounts.request_login_link("c1", build_url=lambda secret: links.append(secret) or "")
    ids = {
        "stories:": {"pk": story.pk},
        "community:vote": {"pk": prio.pk},
        "community:adopt": {"pk": prio.pk},
        "community:round_close": {"pk": rnd.pk},
        "community:question": {"pk": rq.pk},
        "community:question_links": {"pk": rq.pk},
        "community:review": {"pk": review.pk},
        "community:review_close": {"pk": review.pk},
        "community:action_update": {"pk": action.pk},
        "community:note": {"pk": note.pk},
        "accounts:link": {"token": links[0]},
        "openrosa:": {"form_id": "swemwbs", "pk": app_credential.pk},
    }
    common = {"slug": "cwm", "programme": "valleys", "code": "P1", "token": invitation}
    return ids, common


# Expected for allowed roles where a fixture object cannot make the page exist.
ALLOWED_STATUS = {"stories:media": {404}}  # the seeded story has no recording


def kwargs_for(name: str, p: URLPattern, seeded) -> dict | None:
    ids, common = seeded
    wanted = set(p.pattern.converters) | set(re.findall(r"<(?:\w+:)?(\w+)>", str(p.pattern)))
    out = {}
    specific = next(
        (v for k, v in ids.items() if name == k or (k.endswith(":") and name.startswith(k))), {}
    )
    for key in wanted:
        if key in specific:
            out[key] = specific[key]
        elif key in common:
            out[key] = common[key]
        elif key == "fmt" or key == "kind":
            out[key] = "csv"
        else:
            return None  # unknown object id: partial check only
    return out


def request(client, path: str, api: bool, token: str | None, basic: str | None = None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if basic:
        headers = {"HTTP_AUTHORIZATION": f"Basic {basic}"}
    with transaction.atomic():
        r = client.get(path, **headers)
        if r.status_code == 405:
            r = (
                client.post(path, {}, **headers)
                if not api
                else client.post(path, "{}", content_type="application/json", **headers)
            )
        transaction.set_rollback(True)
    return r


def test_permission_matrix(client, role_users, seeded):
    who_all = ["anonymous", "outsider", *ROLES]
    tokens = {w: accounts.create_api_token(u, "t")[1] for w, u in role_users.items()}
    apps = {}  # who -> base64 "username:password" of an app credential in their project
    for who, u in role_users.items():
        project = u.person.memberships.get().project
        made, password = openrosa.create_credential(project, u.person.code, actor=Actor.cli())
        apps[who] = base64.b64encode(f"{made.username}:{password}".encode()).decode()
    login = resolve_url(settings.LOGIN_URL)
    mismatches, checked = set(), 0
    api_ops: dict[str, str] = {}
    for _method, r, fn in sorted(operations(), key=lambda o: o[0] != "GET"):
        api_ops.setdefault(r.strip("/"), fn.tallytale_permission)  # GET is tried first
    for route, name, p in walk():
        if name in EXEMPT or name.startswith(EXEMPT_NAMESPACES):
            continue
        api = is_api(p)
        if api:
            api_route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route[len("api/") :]).strip("/")
            permission = api_ops.get(api_route)
        else:
            permission = declared_permission(p.callback)
        kwargs = kwargs_for(name, p, seeded)
        partial = kwargs is None or name in PARTIAL
        if kwargs is None:
            kwargs = {k: ("cwm" if k == "slug" else 999999) for k in p.pattern.converters}
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, kw=kwargs: str(kw[m.group(1)]), route)
        for who in who_all:
            if partial and who not in ("anonymous", "outsider"):
                continue
            if who == "anonymous":
                client.logout()
            elif not api:
                client.force_login(role_users[who])
            basic = apps.get(who) if name in OPENROSA_PROTOCOL else None
            r = request(
                client, path, api, tokens.get(who) if api and who != "anonymous" else None, basic
            )
            ok = allowed(permission, who) or (name, who) in OWNER
            status = r.status_code
            checked += 1
            if who == "anonymous" and not ok:
                # pages send people to sign in; scripts' endpoints refuse outright
                good = (
                    status == 401
                    if api
                    else ((status == 302 and r.url.startswith(login)) or status in (401, 403))
                )
                good = good or (partial and status == 404)
            elif ok:
                expect = ALLOWED_STATUS.get(name, {200, 201, 204, 302, 400})
                good = status in expect or (permission == SIGNED_IN and status == 404) or partial
                # the API validates the body before the view runs: an empty body is refused
                good = good or (api and status == 422)
            else:
                good = status in (403, 404) or (api and status == 422)
            if who == "outsider" and permission not in (PUBLIC, SIGNED_IN):
                good = status in (403, 404) or (api and status == 422)
                # another project's app credential does not authenticate here
                good = good or (name in OPENROSA_PROTOCOL and status == 401)
            if not good:
                mismatches.add((name or route, who, status))
    client.logout()
    gaps = {(n, w) for n, w, _ in mismatches}
    assert checked > 100
    assert gaps - KNOWN_GAPS == set(), "\n".join(map(str, sorted(mismatches)))
    assert KNOWN_GAPS - gaps == set(), "fixed: remove from KNOWN_GAPS"


def test_direct_object_access_across_projects(client, role_users, seeded, scheme):
    from tallytale.programmes.models import Project

    town = Project.objects.get(slug="town")
    other = stories.collect(
        town,
        actor=stories.Actor("cli:test"),
        text="Town story.",
        language="en",
        consent_level="public",
    )
    client.force_login(role_users["coordinator"])
    # a cwm story id under town's slug, and town's story under cwm's slug
    assert client.get(f"/stories/cwm/{other.pk}/").status_code == 404
    assert client.get(f"/stories/town/{other.pk}/").status_code in (403, 404)
    token = accounts.create_api_token(role_users["participant"], "t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    # another member's statement, through a project the participant is in and one they are not
    assert client.get("/api/ledger/projects/cwm/members/C1/statement", **auth).status_code == 403
    assert client.get("/api/ledger/projects/town/members/T1/statement", **auth).status_code == 403
    assert client.post(f"/api/stories/{other.pk}/withdraw", **auth).status_code == 404

"""Every form route refuses a POST without a CSRF token (the route walk of test_routes)."""

from __future__ import annotations

import re

from django.test import Client

from tests.test_routes import EXEMPT, EXEMPT_NAMESPACES, OPENROSA_PROTOCOL, is_api, walk


def test_every_post_route_refuses_a_post_without_a_token(role_users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(role_users["admin"])
    accepted, checked = [], 0
    for route, name, p in walk():
        if is_api(p) or name.startswith(EXEMPT_NAMESPACES) or name in OPENROSA_PROTOCOL:
            # the API takes bearer tokens and OpenRosa app credentials, not cookies (a
            # cross-site browser request to OpenRosa is refused: tests/openrosa)
            continue
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "cwm" if "slug" in m[1] else "1", route)
        path = path.replace("<", "").replace(">", "")
        r = client.post(path, {"x": "1"})
        checked += 1
        if r.status_code != 403 or b"CSRF" not in r.content:
            accepted.append(f"{path} ({name or EXEMPT.get(name, '')}) -> {r.status_code}")
    assert checked > 50
    assert accepted == []


def test_a_post_with_the_token_is_accepted(role_users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(role_users["participant"])
    client.get("/accounts/security/")
    token = client.cookies["csrftoken"].value
    r = client.post("/accounts/security/", {"csrfmiddlewaretoken": token, "action": "x"})
    assert r.status_code == 302

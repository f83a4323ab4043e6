"""Security headers on ordinary pages: a CSP without 'unsafe-inline', no framing, nosniff."""

from __future__ import annotations

import re

from django.urls import reverse


def test_csp_header_has_no_unsafe_inline(client, role_users):
    client.force_login(role_users["coordinator"])
    for url in (reverse("accounts:login"), reverse("web:home"), reverse("web:me")):
        r = client.get(url)
        assert r.status_code in (200, 302)
        csp = r["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert r["X-Frame-Options"] == "DENY"
        assert r["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client, role_users):
    client.force_login(role_users["coordinator"])
    for url in (reverse("accounts:login"), reverse("accounts:security"), reverse("web:home")):
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "<style" not in html and " style=" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url

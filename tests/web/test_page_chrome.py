"""The page chrome drawn once per language and reused (issue 21, `{% chrome %}` in
tallytale/base.html). A reused copy must never carry another reader's CSRF token, another
page's path, another language or another sign-in state, and nothing that varies in any
other way may sit inside a chrome block."""

from __future__ import annotations

import re

import pytest
from django.template import loader
from django.template.base import VariableNode
from django.template.defaulttags import CsrfTokenNode, ForNode, IfNode, URLNode
from django.templatetags.i18n import (
    GetAvailableLanguagesNode,
    TranslateNode,
)
from django.templatetags.static import StaticNode
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tallytale.web.templatetags.tallytale import ChromeNode

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _chrome_nodes():
    template = loader.get_template("tallytale/base.html").template
    return template.nodelist.get_nodes_by_type(ChromeNode)


def _condition_names(condition) -> set[str]:
    """The variables an `{% if %}` condition reads ("user.is_authenticated", "code")."""
    if condition is None:  # {% else %}
        return set()
    if hasattr(condition, "text"):  # a single variable
        return {condition.text}
    return _condition_names(condition.first) | _condition_names(condition.second)


def test_base_has_chrome_blocks_that_hold_only_what_they_may():
    """Inside a chrome block only the language, the sign-in state, the CSRF token and the
    path may vary; a variable or tag of any other kind would be frozen at its first value."""
    allowed_vars = {"LANG", "RTL", "user.is_authenticated", "here", "code", "name"}
    allowed_nodes = (
        VariableNode,
        TranslateNode,
        URLNode,
        StaticNode,
        CsrfTokenNode,
        IfNode,
        ForNode,
        GetAvailableLanguagesNode,
    )
    blocks = _chrome_nodes()
    assert len(blocks) >= 4
    seen: set[str] = set()
    for block in blocks:
        for node in block.nodelist.get_nodes_by_type(object):
            if type(node).__name__ == "TextNode":
                continue
            assert isinstance(node, allowed_nodes), type(node).__name__
            if isinstance(node, VariableNode):
                seen.add(node.filter_expression.var.var)
            if isinstance(node, IfNode):
                for condition, _nodelist in node.conditions_nodelists:
                    seen |= _condition_names(condition)
    assert seen <= allowed_vars, seen - allowed_vars


def test_two_readers_never_share_a_token_a_path_or_a_language(site):
    researcher = Client()
    researcher.force_login(site["users"]["researcher"])
    coordinator = Client()
    coordinator.force_login(site["users"]["coordinator"])
    coordinator.cookies["django_language"] = "ar"
    anonymous = Client()

    first = researcher.get(reverse("web:me")).content.decode()
    asked = coordinator.get(reverse("web:me") + "?x=<b>&y='q'&z=1")
    second = asked.content.decode()
    third = anonymous.get(reverse("accounts:login")).content.decode()

    assert '<html lang="en" dir="ltr">' in first
    assert '<html lang="ar" dir="rtl">' in second
    assert '<input name="next" type="hidden" value="/me/">' in first
    here = escape(asked.wsgi_request.get_full_path())
    assert "&amp;z=1" in here and "&#x27;" in here
    assert f'<input name="next" type="hidden" value="{here}">' in second
    # each reader's own token, in both forms of the chrome (sign out and language)
    mine, theirs = set(TOKEN.findall(first)), set(TOKEN.findall(second))
    assert len(TOKEN.findall(first)) >= 2 and len(TOKEN.findall(second)) >= 2
    assert not mine & theirs
    # signed out: no sign-out form, a sign-in link, still a token for the language form
    assert reverse("accounts:logout") not in third
    assert reverse("accounts:login") in third
    assert TOKEN.search(third)
    assert "\x1e" not in first + second + third


def test_the_reused_token_is_the_readers_own_and_accepted(site):
    """The token put into the kept copy is this session's: the language form it sits in
    posts and is accepted with CSRF checks on."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(site["users"]["researcher"])
    client.get(reverse("web:me"))  # the copy is now kept
    page = client.get(reverse("web:me")).content.decode()
    token = TOKEN.search(page).group(1)
    r = client.post(
        reverse("set_language"),
        {"csrfmiddlewaretoken": token, "language": "cy", "next": "/me/"},
    )
    assert r.status_code == 302
    assert '<html lang="cy"' in client.get(reverse("web:me")).content.decode()


def test_a_reader_without_a_token_gets_no_empty_field():
    """Rendered without a request's token (as an e-mail or a page outside a request would
    be), the chrome leaves the field out exactly as `{% csrf_token %}` does."""
    html = loader.render_to_string("tallytale/base.html", {})
    assert "csrfmiddlewaretoken" not in html
    assert "\x1e" not in html

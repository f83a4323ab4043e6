"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Skipped (with the reason) only when /usr/bin/chromium is missing; CI installs it
(`apt-get install -y chromium`). Playwright never downloads a browser here.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.web.conftest import PASSWORD, make_user, site  # noqa: F401 - shared fixtures

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="/usr/bin/chromium is not installed (apt-get install chromium)")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


# Playwright's offline mode fails every request, but with Playwright 1.65 and Debian's
# Chromium 150 `navigator.onLine` stays true, which a phone without signal never reports.
# The pages decide from `navigator.onLine`, so the emulation also answers it (from a cookie
# that survives navigation) and fires the events a real phone fires.
ONLINE_FLAG = """
Object.defineProperty(Navigator.prototype, "onLine", {
  configurable: true,
  get() { return !document.cookie.split("; ").includes("tt_offline=1"); },
});
"""


def set_offline(context, offline: bool) -> None:
    """Take the browser off the network (or back on) as a phone losing signal would."""
    if offline:
        context.add_cookies([{"name": "tt_offline", "value": "1", "url": context._tt_base}])
    else:
        context.clear_cookies(name="tt_offline")
    context.set_offline(offline)
    for page in context.pages:
        page.evaluate(
            "(off) => window.dispatchEvent(new Event(off ? 'offline' : 'online'))", offline
        )


@pytest.fixture
def context(browser, live_server):
    ctx = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-GB")
    ctx.set_default_timeout(10_000)
    ctx.add_init_script(ONLINE_FLAG)
    ctx._tt_base = live_server.url
    yield ctx
    ctx.close()


@pytest.fixture
def sign_in(context, live_server):
    """Put a signed-in session for `user` into the browser (skips the password form)."""

    def login(user):
        c = Client()
        c.force_login(user)
        cookie = c.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
        return context.new_page()

    return login


_AXE_SOURCE = None


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations (WCAG 2.0-2.2 A/AA rules) on the page."""
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = AXE.read_text(encoding="utf-8")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE_SOURCE + "\n;undefined")  # DevTools evaluation: not blocked by CSP
    return page.evaluate(
        """async () => {
          const r = await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
          return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )

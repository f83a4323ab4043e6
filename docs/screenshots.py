"""Take the README's screenshots: `.venv/bin/python docs/screenshots.py`.

Builds the demo (its default size, fixed seed and date) into a temporary data dir, serves
it with `tallytale serve`, signs in as the demo's people through the sign-in form and
captures, with Playwright driving Debian's /usr/bin/chromium (never a downloaded browser):

- docs/img/evidence-report.png: the top of the demo programme's HTML evidence report
  (the file `tallytale demo` writes, opened with file://);
- docs/img/story-form.png: the story form (/stories/<project>/new/) at phone size;
- docs/img/member-home.png: a member's home page (balance, surveys, stories) at phone size;
- docs/img/report-front-{en,cy,ar}.png: the front page of the project's evidence report
  (`tallytale report --language en|cy|ar`) as HTML in Chromium, and
  docs/img/report-front-pdf-{en,cy,ar}.png: page 1 of the same report as PDF (poppler's
  `pdftoppm`, `apt-get install poppler-utils`);
- docs/img/dashboard.png and docs/img/people.png: the coordinator's dashboard (desktop)
  and member directory (phone);
- in Welsh and Arabic at phone size (`-cy`, `-ar`): the story form, a member's stories,
  changing consent, the codebook and the coordinator's dashboard.

Needs `apt-get install chromium` and the test extras (`pip install -e ".[test]"`).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT = "cwm-time-credits"
TODAY = "2026-11-01"  # fixed, so the pictures only change when the app does
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 900}
LANGUAGES = ("en", "cy", "ar")
OTHER_LANGUAGES = ("cy", "ar")
PAGES_IN_LANGUAGES = ("story-form", "my-stories", "consent", "codebook", "dashboard")
SHOTS = (
    "evidence-report.png",
    "story-form.png",
    "member-home.png",
    *(f"report-front-{lang}.png" for lang in LANGUAGES),
    *(f"report-front-pdf-{lang}.png" for lang in LANGUAGES),
    "dashboard.png",
    "people.png",
    *(f"{page}-{lang}.png" for page in PAGES_IN_LANGUAGES for lang in OTHER_LANGUAGES),
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"screenshots: the server did not answer at {url}")


def build_demo(data: Path, out: Path, env: dict) -> str:
    """Run the demo; return the password it prints for the demo logins."""
    done = subprocess.run(
        [BIN / "tallytale", "demo", "--no-serve"] + ["--today", TODAY, "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"password for all: (\S+)\)", done.stdout)
    if not found:
        raise SystemExit("screenshots: the demo printed no logins\n" + done.stdout)
    return found.group(1)


def build_reports(out: Path, env: dict) -> dict[tuple[str, str], Path]:
    """The project's public report in each language, as HTML and PDF."""
    made = {}
    for lang in LANGUAGES:
        for fmt in ("html", "pdf"):
            path = out / f"front-{lang}.{fmt}"
            subprocess.run(
                [BIN / "tallytale", "report", "--project", PROJECT, "--format", fmt]
                + ["--language", lang, "--out", str(path)],
                env=env,
                capture_output=True,
                check=True,
            )
            made[(lang, fmt)] = path
    return made


def pdf_page_one(pdf: Path, png: Path) -> None:
    """Page 1 of a PDF as a PNG (pdftoppm writes `<stem>.png` with -singlefile)."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf)]
        + [str(png.with_suffix(""))],
        check=True,
    )


def shots_in(lang: str, signed_in) -> None:
    """The pages a Welsh or Arabic speaker meets first, at phone size."""
    ctx, page = signed_in("researcher", lang)
    page.goto(f"/stories/{PROJECT}/new/")
    page.screenshot(path=str(IMG / f"story-form-{lang}.png"), full_page=False)
    page.goto(f"/coding/{PROJECT}/")
    page.screenshot(path=str(IMG / f"codebook-{lang}.png"), full_page=False)
    ctx.close()
    ctx, page = signed_in("participant", lang)
    page.goto("/stories/mine/")
    page.screenshot(path=str(IMG / f"my-stories-{lang}.png"), full_page=False)
    story = page.locator(f"main a[href^='/stories/{PROJECT}/']").first
    if story.count() == 0:
        raise SystemExit("screenshots: the demo participant has no story to change consent for")
    page.goto(story.get_attribute("href"))
    page.goto(page.locator("a[href$='/consent/']").first.get_attribute("href"))
    page.screenshot(path=str(IMG / f"consent-{lang}.png"), full_page=False)
    ctx.close()
    ctx, page = signed_in("coordinator", lang)
    page.goto(f"/p/{PROJECT}/coordinate/")
    page.locator("figure.chart").first.scroll_into_view_if_needed()
    page.screenshot(path=str(IMG / f"dashboard-{lang}.png"), full_page=False)
    ctx.close()


def main() -> int:
    from playwright.sync_api import sync_playwright

    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tallytale-shots-") as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "reports"
        env = {
            **os.environ,
            "TALLYTALE_DATA_DIR": str(data),
            # the coordinator signs in with a password here; MFA has its own browser tests
            "TALLYTALE_MFA": "0",
            "LANG": "C.UTF-8",
        }
        env.pop("DATABASE_URL", None)
        print("building the demo...")
        password = build_demo(data, out, env)
        print("building the project report in English, Welsh and Arabic (HTML and PDF)...")
        fronts = build_reports(out, env)
        for lang in LANGUAGES:
            pdf_page_one(fronts[(lang, "pdf")], IMG / f"report-front-pdf-{lang}.png")
        port = _free_port()
        server = subprocess.Popen(
            [BIN / "tallytale", "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(base + "/accounts/login/")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                report = next(out.glob("tallytale-report-valleys-wellbeing-*.html"))
                page = browser.new_page(viewport=DESKTOP, locale="en-GB")
                page.goto(report.as_uri())
                page.screenshot(path=str(IMG / "evidence-report.png"), full_page=False)
                page.close()
                for lang in LANGUAGES:  # the front page a funder reads, as a whole
                    page = browser.new_page(viewport={"width": 900, "height": 900})
                    page.goto(fronts[(lang, "html")].as_uri())
                    page.locator("#front").screenshot(path=str(IMG / f"report-front-{lang}.png"))
                    page.close()

                def signed_in(role: str, lang: str = "en", viewport: dict = PHONE):
                    ctx = browser.new_context(viewport=viewport, locale="en-GB", base_url=base)
                    if lang != "en":  # what the language switch leaves behind
                        ctx.add_cookies([{"name": "django_language", "value": lang, "url": base}])
                    page = ctx.new_page()
                    page.goto("/accounts/login/")
                    page.fill("#id_username", f"{PROJECT}-{role}")
                    page.fill("#id_password", password)
                    page.click("form[action='/accounts/login/'] button[type=submit]")
                    page.wait_for_load_state()
                    if "/accounts/login/" in page.url:
                        raise SystemExit(f"screenshots: signing in as the demo {role} failed")
                    return ctx, page

                ctx, page = signed_in("researcher")
                page.goto(f"/stories/{PROJECT}/new/")
                page.screenshot(path=str(IMG / "story-form.png"), full_page=False)
                ctx.close()
                ctx, page = signed_in("participant")
                page.goto("/")
                page.screenshot(path=str(IMG / "member-home.png"), full_page=False)
                ctx.close()
                ctx, page = signed_in("coordinator", viewport=DESKTOP)
                page.goto(f"/p/{PROJECT}/coordinate/")
                page.screenshot(path=str(IMG / "dashboard.png"), full_page=False)
                ctx.close()
                ctx, page = signed_in("coordinator")
                page.goto(f"/p/{PROJECT}/people/")
                page.screenshot(path=str(IMG / "people.png"), full_page=False)
                ctx.close()
                for lang in OTHER_LANGUAGES:
                    shots_in(lang, signed_in)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    for name in SHOTS:
        path = IMG / name
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

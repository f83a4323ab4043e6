"""Take the README's screenshots: `.venv/bin/python docs/screenshots.py`.

Builds a small demo (200 participants, fixed seed and date) into a temporary data dir,
serves it with `tallytale serve`, signs in as the demo researcher through the sign-in form
and captures, with Playwright driving Debian's /usr/bin/chromium (never a downloaded
browser):

- docs/img/evidence-report.png: the top of the demo programme's HTML evidence report
  (the file `tallytale demo` writes, opened with file://);
- docs/img/story-form.png: the story form (/stories/<project>/new/) at phone size;
- docs/img/member-home.png: a member's home page (balance, surveys, stories) at phone size;
- docs/img/report-front-{en,cy}.png: the front page of the project's evidence report
  (`tallytale report --language en|cy`) as HTML in Chromium, and
  docs/img/report-front-pdf-{en,cy}.png: page 1 of the same report as PDF (poppler's
  `pdftoppm`, `apt-get install poppler-utils`).

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
LANGUAGES = ("en", "cy")
SHOTS = (
    "evidence-report.png",
    "story-form.png",
    "member-home.png",
    *(f"report-front-{lang}.png" for lang in LANGUAGES),
    *(f"report-front-pdf-{lang}.png" for lang in LANGUAGES),
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
        [BIN / "tallytale", "demo", "--participants", "200", "--no-serve"]
        + ["--today", TODAY, "--out", str(out)],
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


def main() -> int:
    from playwright.sync_api import sync_playwright

    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tallytale-shots-") as tmp:
        data, out = Path(tmp) / "data", Path(tmp) / "reports"
        env = {
            **os.environ,
            "TALLYTALE_DATA_DIR": str(data),
            "TALLYTALE_MFA": "1",
            "LANG": "C.UTF-8",
        }
        env.pop("DATABASE_URL", None)
        print("building the demo (200 participants)...")
        password = build_demo(data, out, env)
        print("building the project report in English and Welsh (HTML and PDF)...")
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

                def signed_in(role: str):
                    ctx = browser.new_context(viewport=PHONE, locale="en-GB", base_url=base)
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

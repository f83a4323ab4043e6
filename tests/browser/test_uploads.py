"""The import pages in Chromium: choose a file, see the preview from the stored upload,
confirm (with the browser's real CSRF token), confirm again from history: imported once."""

from __future__ import annotations

import os
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from tallytale.ledger.models import Contribution
from tallytale.stories.models import Story
from tallytale.uploads.models import Upload

from .conftest import axe_violations

SHOTS = Path(os.environ.get("TALLYTALE_SCREENSHOTS", "/tmp/tallytale-screenshots"))
CONTRIB = (
    "person_code,partner,date,hours,activity\n"
    "M2,library,2025-02-01,2,reading\n"
    "M3,garden,2025-02-02,1.5,digging\n"
)


def test_contributions_import_in_the_browser_imports_once(sign_in, site, tmp_path):
    page = sign_in(site["users"]["coordinator"])
    src = tmp_path / "hours.csv"
    src.write_text(CONTRIB, encoding="utf-8")
    page.goto(reverse("web:import", args=["cwm"]))
    page.set_input_files("#i-file", str(src))
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("main")).to_contain_text(
        "2 rows: 2 will be recorded, 0 were imported before."
    )
    assert page.locator("table").inner_text().count("library") == 1
    upload = Upload.objects.get()
    assert page.locator('input[name="upload"]').get_attribute("value") == str(upload.pk)
    assert page.locator('[name="data"], [name="digest"]').count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "import-contributions-preview.png"), full_page=True)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm and import").click()
    expect(page.locator("main")).to_contain_text("Imported 2 rows (0 were already imported).")
    page.go_back()  # the confirm form again, as after a double click or a reload
    page.get_by_role("button", name="Confirm and import").click()
    expect(page.locator("main")).to_contain_text("Imported 0 rows (2 were already imported).")
    assert Contribution.objects.filter(activity__in=["reading", "digging"]).count() == 2


def test_stories_import_in_the_browser(sign_in, site, tmp_path):
    page = sign_in(site["users"]["coordinator"])
    src = tmp_path / "stories.csv"
    src.write_text(
        "external_id,text,participant_code,consent\n"
        "b-1,We painted the community hall together.,M1,project\n",
        encoding="utf-8",
    )
    before = Story.objects.count()
    page.goto(reverse("web:import_stories", args=["cwm"]))
    page.set_input_files("#i-file", str(src))
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("main")).to_contain_text("We painted the community hall together.")
    page.screenshot(path=str(SHOTS / "import-stories-preview.png"), full_page=True)
    page.get_by_role("button", name="Confirm and import").click()
    expect(page.locator("main")).to_contain_text("Imported 1 rows")
    assert Story.objects.count() == before + 1

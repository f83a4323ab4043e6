"""The jobs page in Chromium on a 390 px phone: the progress updates by polling (no
reload needed while it runs), the finished job offers its download, and nothing overflows."""

from pathlib import Path

from tallytale.jobs import services as jobs
from tallytale.jobs.worker import run_pending
from tallytale.programmes import services as people
from tests.browser.conftest import axe_violations
from tests.jobs.conftest import member  # also registers the `test.echo` kind


def test_a_job_page_follows_its_job_to_the_download(sign_in, transactional_db, settings, tmp_path):
    settings.JOBS_ROOT = tmp_path / "jobs"
    people.create_project("alpha", "Alpha")
    coord = member("A1", "alpha", "coordinator")
    job = jobs.start("test.echo", actor=coord, project=people.get_project("alpha"), params={})
    page = sign_in(coord.user)
    page.goto(f"/p/alpha/jobs/{job.pk}/")
    assert page.locator("[data-job-state]").inner_text() == "Queued"
    assert page.locator("progress").count() == 1
    assert page.get_by_role("button", name="Cancel").is_visible()
    run_pending()  # a worker runs it; the page's polling notices and shows the result
    link = page.get_by_role("link", name="Download echo.txt")
    link.wait_for(timeout=10_000)
    assert page.locator("[data-job-state]").inner_text() == "Done"
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / "job-done-390.png"), full_page=True)  # looked at
    with page.expect_download() as got:
        link.click()
    assert Path(got.value.path()).read_bytes() == b"hello"
    page.goto("/p/alpha/jobs/")
    assert page.get_by_role("link", name=f"Echo #{job.pk}").is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "jobs-390.png"), full_page=True)

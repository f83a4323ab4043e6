"""Role pages: who may open them, what they show, and that changes go through services."""

import io
import json
import zipfile

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tallytale.audit.models import AuditEvent
from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending
from tallytale.ledger.models import Contribution, Transfer
from tallytale.programmes.models import ContactDetails, Membership
from tallytale.programmes.permissions import declared_permission
from tallytale.stories.models import Story

pytestmark = pytest.mark.django_db


def _web_patterns():
    for p in get_resolver().url_patterns:
        if isinstance(p, URLResolver) and p.app_name == "web":
            for q in p.url_patterns:
                assert isinstance(q, URLPattern)
                yield q


def test_every_web_view_declares_a_permission():
    names = [p.name for p in _web_patterns() if not declared_permission(p.callback)]
    assert names == []


PROJECT_PAGES = {
    "research": {"researcher", "coordinator"},
    "hours": {"researcher", "coordinator"},
    "coordinate": {"coordinator"},
    "members": {"coordinator"},
    "ledger": {"coordinator"},
    "import": {"coordinator"},
    "waves": {"coordinator"},
    "evaluate": {"evaluator", "coordinator", "researcher"},
}


@pytest.mark.parametrize("page", sorted(PROJECT_PAGES))
def test_project_pages_by_role(client, site, page):
    url = reverse(f"web:{page}", args=["cwm"])
    assert client.get(url).status_code == 302  # anonymous: sign in first
    for role, user in site["users"].items():
        client.force_login(user)
        status = client.get(url).status_code
        assert status == (200 if role in PROJECT_PAGES[page] else 403), (role, status)


def test_unknown_project_is_404(client, site):
    client.force_login(site["users"]["coordinator"])
    assert client.get(reverse("web:coordinate", args=["nope"])).status_code == 404


def test_home_shows_each_role_its_way_in(client, site):
    client.force_login(site["users"]["coordinator"])
    # a coordinator of one project starts on its dashboard, which links back to all projects
    r = client.get("/")
    assert r.status_code == 302 and r["Location"] == reverse("web:coordinate", args=["cwm"])
    assert 'href="/?projects=1"' in client.get(r["Location"]).content.decode()
    html = client.get("/?projects=1").content.decode()
    assert reverse("web:coordinate", args=["cwm"]) in html
    client.force_login(site["users"]["participant"])
    html = client.get("/").content.decode()
    assert reverse("web:coordinate", args=["cwm"]) not in html
    assert reverse("web:me") in html


def test_my_tallytale(client, site):
    client.force_login(site["users"]["participant"])
    html = client.get(reverse("web:me")).content.decode()
    assert "data-balance>2 " in html  # 3 earned, 1 spent
    assert "Garden club" in html
    assert reverse("stories:withdraw", args=["cwm", site["story"].pk]) in html
    assert reverse("stories:consent", args=["cwm", site["story"].pk]) in html


def test_member_home_shows_what_a_member_needs_not_api_tokens(client, site):
    """Before: a member's home was four links, one of them "API tokens". Now it shows
    their balance, the surveys they have not answered, and their stories."""
    from tallytale.surveys.models import Response, Wave

    client.force_login(site["users"]["participant"])
    html = client.get("/").content.decode()
    assert "data-balance>2 " in html  # 3 earned, 1 spent
    assert "API tokens" not in html
    respond = reverse("surveys:respond", args=[site["instrument"].pk])
    assert respond in html
    assert "Garden club" in html
    assert reverse("stories:detail", args=["cwm", site["story"].pk]) in html
    # answered in the open wave: no longer listed
    Response.objects.create(
        instrument=site["instrument"],
        project=site["project"],
        wave=Wave.objects.get(project=site["project"], name="baseline"),
        person=site["users"]["participant"].person,
    )
    assert respond not in client.get("/").content.decode()
    client.force_login(site["users"]["coordinator"])
    assert "API tokens" in client.get("/?projects=1").content.decode()


def test_statement_cells_are_labelled_for_a_phone(client, site):
    """On a phone the statement's rows stack, each cell named by its column, so the
    balance is not scrolled out of sight; kinds are words, not "earn"/"spend"."""
    client.force_login(site["users"]["participant"])
    html = client.get(reverse("web:me")).content.decode()
    table = html[html.index('<table class="stack"') :]
    table = table[: table.index("</table>")]
    assert '<td data-label="Balance" class="num">2</td>' in table
    assert ">Earned<" in table and ">Spent<" in table and ">earn<" not in table


def test_download_my_data_json_and_csv_is_a_personal_job_and_audited(
    client, site, settings, tmp_path
):
    settings.JOBS_ROOT = tmp_path / "jobs"
    ContactDetails.objects.filter(person__code="M1").update(name="Ann Powell")
    client.force_login(site["users"]["participant"])
    assert 'action="/me/data.json"' in client.get(reverse("web:me")).content.decode()
    files = {}
    for fmt in ("json", "csv"):
        url = reverse("web:my_data", args=[fmt])
        first = client.post(url, {"idempotency_key": f"k-{fmt}"})
        again = client.post(url, {"idempotency_key": f"k-{fmt}"})  # a double click
        assert first.status_code == 302 and first.url == again.url
        assert first.url.startswith("/me/jobs/")
        assert run_pending() == 1
        job = Job.objects.get(pk=int(first.url.rstrip("/").split("/")[-1]))
        assert job.state == Job.State.DONE and job.project is None, job.error
        got = client.get(reverse("web:my_job_download", args=[job.pk]))
        assert got.status_code == 200 and got["Cache-Control"] == "private, no-store"
        files[fmt] = b"".join(got.streaming_content)
    data = json.loads(files["json"])
    assert data["person"]["code"] == "M1"
    assert data["contact_details"]["email"] == "m1@example.org"  # their own, in their own file
    assert data["contact_details"]["name"] == "Ann Powell"  # the name coordinators know them by
    assert data["stories"][0]["text"].startswith("I went to the garden club")  # original words
    assert [ln["kind"] for ln in data["ledger_statement"]] == ["earn", "spend"]
    assert data["memberships"][0]["project"] == "cwm"
    with zipfile.ZipFile(io.BytesIO(files["csv"])) as z:
        assert {"person.csv", "stories.csv", "ledger_statement.csv", "survey_responses.csv"} <= set(
            z.namelist()
        )
        assert "garden club" in z.read("stories.csv").decode()
        # opened in Excel: each CSV is UTF-8 with a byte-order mark
        assert all(z.read(n).startswith(b"\xef\xbb\xbf") for n in z.namelist() if z.read(n))
    assert AuditEvent.objects.filter(action="person.download_own_data").count() == 2
    assert client.post(reverse("web:my_data", args=["xml"])).status_code == 404
    assert client.get(reverse("web:my_data", args=["json"])).status_code == 405
    # the file is the owner's alone: not even the project's coordinator reads it
    client.force_login(site["users"]["coordinator"])
    assert client.get(reverse("web:my_job_download", args=[job.pk])).status_code in (403, 404)
    assert client.get(reverse("web:my_job", args=[job.pk])).status_code in (403, 404)


def test_log_hours_for_a_member_once_per_form(client, site):
    client.force_login(site["users"]["researcher"])
    url = reverse("web:hours", args=["cwm"])
    form = {"member": "M2", "partner": "library", "hours": "1.5", "idempotency_key": "k-123456"}
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302  # double-tap: same key, nothing new
    assert Contribution.objects.filter(person__code="M2").count() == 1
    bad = client.post(url, {**form, "member": "X1", "idempotency_key": "k-2"})
    assert bad.status_code == 400 and "No member with that code" in bad.content.decode()


def test_coordinator_dashboard_has_svg_charts_with_data_tables(client, site):
    client.force_login(site["users"]["coordinator"])
    html = client.get(reverse("web:coordinate", args=["cwm"])).content.decode()
    assert html.count("<svg") == 4
    assert html.count("<table>") >= 4
    assert "Baseline" in html


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_dashboard_chart_coordinates_are_machine_numbers_in_every_language(client, site, language):
    """Welsh and Arabic write decimal commas for people; an SVG coordinate with a comma
    draws nothing. Every numeric attribute of every chart must parse as a float."""
    from html.parser import HTMLParser

    client.force_login(site["users"]["coordinator"])
    html = client.get(
        reverse("web:coordinate", args=["cwm"]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    seen: list[tuple[str, str, str]] = []

    class Svg(HTMLParser):
        inside = False

        def handle_starttag(self, tag, attrs):
            self.inside = self.inside or tag == "svg"
            if self.inside:
                for name, value in attrs:
                    if name in ("x", "y", "x1", "x2", "y1", "y2", "width", "height"):
                        seen.append((tag, name, value))
                    elif name == "points":
                        seen.extend((tag, name, v) for pt in value.split() for v in pt.split(","))
                    elif name == "viewbox":
                        seen.extend((tag, name, v) for v in value.split())

        def handle_endtag(self, tag):
            if tag == "svg":
                self.inside = False

    Svg().feed(html)
    assert html.count("<svg") == 4 and len(seen) > 50
    bad = []
    for tag, name, value in seen:
        try:
            float(value)
        except ValueError:
            bad.append((tag, name, value))
    assert bad == [], bad[:10]
    assert f'lang="{language}"' in html


def test_ledger_entry_and_correction(client, site):
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:ledger", args=["cwm"])
    r = client.post(url, {"action": "gift", "member": "M1", "to": "M2", "amount": "1"})
    assert r.status_code == 302
    gift = Transfer.objects.get(kind="gift")
    r = client.post(url, {"action": "reverse", "transfer": gift.pk, "reason": "typo"})
    assert r.status_code == 302
    assert Transfer.objects.filter(reverses=gift).count() == 1
    r = client.post(url, {"action": "spend", "member": "M1", "partner": "pool", "amount": "99"})
    assert r.status_code == 400  # the ledger refuses an overdraft and the page says why
    assert "credits available; cannot move 99" in r.content.decode()


def test_import_preview_writes_nothing_then_confirm_imports(client, site):
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import", args=["cwm"])
    text = "person_code,partner,date,hours,activity\nM2,library,2025-02-01,2,reading\n"
    before = Contribution.objects.count()
    r = client.post(url, {"text": text})
    assert r.status_code == 200 and "Confirm and import" in r.content.decode()
    assert Contribution.objects.count() == before
    client.post(url, {"text": text, "confirm": "1"})
    client.post(url, {"text": text, "confirm": "1"})  # twice: still once
    assert Contribution.objects.count() == before + 1
    bad = (
        "person_code,partner,date,hours,activity\nZZ,library,2025-02-01,2,x\nM2,library,nope,1,x\n"
    )
    r = client.post(url, {"text": bad})
    html = r.content.decode()
    assert r.status_code == 400 and "line 2" in html and "line 3" in html


def test_members_and_waves_pages_call_services(client, site):
    client.force_login(site["users"]["coordinator"])
    r = client.post(reverse("web:members", args=["cwm"]), {"code": "N1", "role": "participant"})
    assert r.status_code == 302
    assert Membership.objects.filter(person__code="N1", project__slug="cwm").exists()
    r = client.post(reverse("web:waves", args=["cwm"]), {"name": "m6", "label": "6 months"})
    assert r.status_code == 302
    r = client.post(reverse("web:waves", args=["cwm"]), {"name": "m6"})
    assert r.status_code == 400


def test_evaluator_exports_only_redacted_project_audience(client, site):
    client.force_login(site["users"]["evaluator"])
    r = client.post(reverse("web:export_stories", args=["cwm", "json"]))
    assert r.status_code == 302  # queued: the job's page
    assert run_pending() == 1
    job = Job.objects.get()
    assert job.state == Job.State.DONE and "project" in job.result_name
    got = client.get(reverse("web:job_download", args=["cwm", job.pk]))
    rows = json.loads(b"".join(got.streaming_content))
    assert [row["id"] for row in rows] == [site["story"].pk]
    r = client.post(reverse("web:export_survey", args=["cwm", site["instrument"].pk, "csv"]))
    assert r.status_code == 302
    client.force_login(site["users"]["participant"])
    assert client.post(reverse("web:export_stories", args=["cwm", "csv"])).status_code == 403


def test_service_worker_and_manifest(client):
    r = client.get("/sw.js")
    assert r.status_code == 200 and r["Service-Worker-Allowed"] == "/"
    assert r["Content-Type"].startswith("text/javascript")
    assert "/static/tallytale/site.css" in r.content.decode()
    m = json.loads(client.get(reverse("web:manifest")).content)
    assert m["display"] == "standalone" and m["icons"]
    assert client.get(reverse("web:offline")).status_code == 200


def test_arabic_is_right_to_left_and_welsh_is_translated(client, site):
    client.force_login(site["users"]["participant"])
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    html = client.get(reverse("web:me")).content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "تالي" in html or "رصيد" in html or "قصص" in html
    client.post(reverse("set_language"), {"language": "cy", "next": "/"})
    html = client.get(reverse("web:me")).content.decode()
    assert 'dir="ltr"' in html and "Fy straeon" in html


def test_story_page_hooks_into_the_offline_queue(client, site):
    client.force_login(site["users"]["researcher"])
    html = client.get(reverse("stories:collect", args=["cwm"])).content.decode()
    assert 'data-offline-queue="story"' in html
    assert reverse("web:sync_story", args=["cwm"]) in html
    assert Story.objects.count() == 1

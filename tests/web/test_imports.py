"""Coordinator imports of stories and survey responses: preview (nothing written), every
problem by line, then confirm; size and type checks; who may use them."""

import io

import openpyxl
import pytest
from django.urls import reverse

from tallytale.stories.models import Story
from tallytale.surveys.models import Response, Wave

pytestmark = pytest.mark.django_db

STORIES_CSV = (
    "external_id,text,participant_code,consent,collected_on\n"
    "ext-1,We started a walking group by the river.,M1,project,2025-04-01\n"
    "ext-2,The lunch club is where I found friends again.,NEWP1,project,2025-04-02\n"
)
ONS4 = ["ons4_life", "ons4_worthwhile", "ons4_happy", "ons4_anxious"]


def _file(name: str, data: bytes):
    f = io.BytesIO(data)
    f.name = name
    return f


def _hidden(html: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def _confirm_fields(html: str, *names: str) -> dict[str, str]:
    return {n: _hidden(html, n) for n in ("upload", *names)} | {"confirm": "1"}


@pytest.mark.parametrize("page", ["import_stories", "import_responses"])
def test_only_coordinators_may_import(client, site, page):
    url = reverse(f"web:{page}", args=["cwm"])
    assert client.get(url).status_code == 302
    for role, user in site["users"].items():
        client.force_login(user)
        assert client.get(url).status_code == (200 if role == "coordinator" else 403), role


def test_stories_preview_then_confirm(client, site):
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import_stories", args=["cwm"])
    before = Story.objects.count()
    r = client.post(url, {"file": _file("stories.csv", STORIES_CSV.encode())})
    html = r.content.decode()
    assert r.status_code == 200, html
    assert "2 rows: 2 will be recorded, 0 were imported before." in html
    assert "NEWP1" in html and "We started a walking group" in html
    assert Story.objects.count() == before  # the preview was rolled back
    r = client.post(url, _confirm_fields(html))
    assert r.status_code == 200
    assert "Imported 2 rows (0 were already imported)." in r.content.decode()
    assert Story.objects.count() == before + 2
    # the same file again writes nothing twice
    r = client.post(url, {"file": _file("stories.csv", STORIES_CSV.encode())})
    assert "2 rows: 0 will be recorded, 2 were imported before." in r.content.decode()


def test_stories_xlsx(client, site):
    wb = openpyxl.Workbook()
    for row in [["external_id", "text"], ["x-1", "A story from a workbook, told at the café."]]:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import_stories", args=["cwm"])
    r = client.post(url, {"file": _file("s.xlsx", buf.getvalue())})
    html = r.content.decode()
    assert "1 rows: 1 will be recorded" in html, html
    r = client.post(url, _confirm_fields(html))
    assert Story.objects.filter(external_id="x-1").exists()


def test_stories_every_error_by_line(client, site):
    client.force_login(site["users"]["coordinator"])
    body = (
        "external_id,text,collected_on,participant_code\n"
        "a,Fine text here.,2025-01-01,\n"
        ",No id here.,2025-01-01,\n"
        "c,Bad date.,yesterday,\n"
        "a,Repeated id.,2025-01-01,bad code!\n"
    )
    before = Story.objects.count()
    r = client.post(
        reverse("web:import_stories", args=["cwm"]), {"file": _file("s.csv", body.encode())}
    )
    html = r.content.decode()
    assert r.status_code == 400
    assert "problems: nothing was imported" in html
    for line in ("line 3:", "line 4:", "line 5:"):
        assert line in html
    assert "line 2:" not in html
    assert "Confirm and import" not in html
    assert Story.objects.count() == before


def test_upload_type_and_size_checks(client, site, settings):
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import_stories", args=["cwm"])
    r = client.post(url, {"file": _file("s.txt", b"PK\x03\x04abc")})
    assert r.status_code == 400 and "This is not a CSV file." in r.content.decode()
    r = client.post(url, {"file": _file("s.doc", b"external_id,text\n")})
    assert r.status_code == 400 and "Choose a .csv or .xlsx file." in r.content.decode()
    r = client.post(url, {"file": _file("s.xlsx", b"external_id,text\n")})
    assert "This is not an XLSX workbook." in r.content.decode()
    r = client.post(url, {"file": _file("s.csv", b"PK\x03\x04abc")})
    assert "This is not a CSV file." in r.content.decode()
    r = client.post(url, {})
    assert "Choose a file to import." in r.content.decode()
    settings.TALLYTALE_UPLOAD_MAX_MB = {**settings.TALLYTALE_UPLOAD_MAX_MB, "stories": 0.0001}
    r = client.post(url, {"file": _file("s.csv", STORIES_CSV.encode())})
    assert r.status_code == 413 and "The file is larger than 0.0001 MB" in r.content.decode()


def test_unknown_upload_id_is_refused(client, site):
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import_stories", args=["cwm"])
    html = client.post(url, {"file": _file("s.csv", STORIES_CSV.encode())}).content.decode()
    for bad in ("0" * 32, "not-a-uuid"):
        fields = _confirm_fields(html) | {"upload": bad}
        r = client.post(url, fields)
        assert r.status_code == 400 and "no longer available" in r.content.decode()


def test_temporary_files_are_deleted(client, site, tmp_path, monkeypatch):
    """Nothing goes through the system's temporary directory; a refused file is not kept."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import_stories", args=["cwm"])
    client.post(url, {"file": _file("s.csv", STORIES_CSV.encode())})
    client.post(url, {"file": _file("s.xlsx", b"not a workbook")})
    assert list(tmp_path.iterdir()) == []


def _responses_csv(rows) -> bytes:
    lines = [",".join(["_uuid", "participant_code", *ONS4])]
    lines += [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def test_responses_preview_then_confirm(client, site):
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import_responses", args=["cwm"])
    instrument = site["instrument"]
    wave = Wave.objects.get(project=instrument.project, name="baseline")
    data = _responses_csv([["u-1", "M1", "7", "8", "6", "2"], ["u-2", "R1", "5", "5", "5", "5"]])
    form = {"instrument": instrument.pk, "wave": wave.pk, "file": _file("kobo.csv", data)}
    r = client.post(url, form)
    html = r.content.decode()
    assert r.status_code == 200, html
    assert "2 rows: 2 will be recorded, 0 were imported before." in html
    assert Response.objects.count() == 0
    r = client.post(url, _confirm_fields(html, "instrument", "wave"))
    assert "Imported 2 rows (0 were already imported)." in r.content.decode()
    assert Response.objects.filter(instrument=instrument, wave=wave).count() == 2


def test_responses_errors_by_row(client, site):
    client.force_login(site["users"]["coordinator"])
    data = _responses_csv([["u-1", "M1", "7", "8", "6", "2"], ["u-1", "NOPE", "99", "8", "6", "2"]])
    r = client.post(
        reverse("web:import_responses", args=["cwm"]),
        {"instrument": site["instrument"].pk, "file": _file("kobo.csv", data)},
    )
    html = r.content.decode()
    assert r.status_code == 400
    assert "line 3, field _uuid/instanceID: u-1 appears twice" in html
    assert "line 3, field participant code: &#x27;NOPE&#x27;" in html
    assert "line 3, field ons4_life" in html
    assert Response.objects.count() == 0


def test_responses_need_a_survey_of_the_project(client, site):
    client.force_login(site["users"]["coordinator"])
    r = client.post(
        reverse("web:import_responses", args=["cwm"]),
        {"instrument": "999999", "file": _file("kobo.csv", _responses_csv([]))},
    )
    assert r.status_code == 400
    assert "Choose the survey these responses answer." in r.content.decode()


CONTRIB = "person_code,partner,date,hours,activity\nM1,library,2025-04-01,1,café club\n"


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + CONTRIB.encode(),  # Excel's "CSV UTF-8": with a byte-order mark
        CONTRIB.encode("cp1252"),  # Excel's plain "CSV" on Windows
    ],
    ids=["utf8-bom", "cp1252"],
)
def test_contributions_upload_decodes_bom_and_cp1252_correctly(client, site, data):
    from tallytale.ledger.models import Contribution

    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import", args=["cwm"])
    r = client.post(url, {"file": _file("hours.csv", data), "confirm": "1"})
    assert r.status_code == 200, r.content.decode()
    assert Contribution.objects.filter(activity="café club").count() == 1


def test_contributions_upload_refuses_mixed_encodings_naming_the_line(client, site):
    from tallytale.ledger.models import Contribution

    client.force_login(site["users"]["coordinator"])
    data = CONTRIB.encode() + b"M1,library,2025-04-02,1,caf" + b"\xe9\n"
    before = Contribution.objects.count()
    r = client.post(reverse("web:import", args=["cwm"]), {"file": _file("h.csv", data)})
    assert r.status_code == 400 and "line 3: not UTF-8 text" in r.content.decode()
    assert Contribution.objects.count() == before


def test_story_and_response_imports_read_cp1252(client, site):
    client.force_login(site["users"]["coordinator"])
    csv_text = STORIES_CSV.replace("river.", "river – “lovely” café.")
    r = client.post(
        reverse("web:import_stories", args=["cwm"]),
        {"file": _file("stories.csv", csv_text.encode("cp1252"))},
    )
    assert r.status_code == 200, r.content.decode()
    r = client.post(
        reverse("web:import_stories", args=["cwm"]), _confirm_fields(r.content.decode())
    )
    assert Story.objects.get(external_id="ext-1").text.endswith("“lovely” café.")


def _run_import_job(client, url: str, first):
    """The confirm went to a job: run it as a worker would, and read its page."""
    from tallytale.jobs.models import Job
    from tallytale.jobs.worker import run_pending

    job = Job.objects.get()
    assert first.status_code == 302 and first.url == f"/p/cwm/jobs/{job.pk}/"
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    return job, client.get(first.url).content.decode()


def test_large_stories_and_responses_imports_run_as_jobs(client, site, settings):
    """Past TALLYTALE_IMPORT_JOB_MIN_KB (0 here) the confirm queues a job per upload that
    imports as the coordinator who confirmed it; the request writes nothing."""
    settings.TALLYTALE_IMPORT_JOB_MIN_KB = 0
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import_stories", args=["cwm"])
    before = Story.objects.count()
    html = client.post(url, {"file": _file("stories.csv", STORIES_CSV.encode())}).content.decode()
    first = client.post(url, _confirm_fields(html))
    assert Story.objects.count() == before
    job, page = _run_import_job(client, url, first)
    assert job.kind == "stories.import"
    assert Story.objects.count() == before + 2
    assert "2 rows: 2 imported, 0 were already imported." in page

    job.delete()
    url = reverse("web:import_responses", args=["cwm"])
    instrument = site["instrument"]
    wave = Wave.objects.get(project=instrument.project, name="baseline")
    data = _responses_csv([["u-1", "M1", "7", "8", "6", "2"], ["u-2", "R1", "5", "5", "5", "5"]])
    form = {"instrument": instrument.pk, "wave": wave.pk, "file": _file("kobo.csv", data)}
    html = client.post(url, form).content.decode()
    first = client.post(url, _confirm_fields(html, "instrument", "wave"))
    assert Response.objects.count() == 0
    job, page = _run_import_job(client, url, first)
    assert job.kind == "surveys.import" and job.params["wave"] == wave.pk
    assert Response.objects.filter(instrument=instrument, wave=wave).count() == 2
    assert "2 rows: 2 imported, 0 were already imported." in page


def test_an_import_job_fails_in_words_and_writes_nothing(client, site, settings):
    """Rows the worker refuses (here the stored file is changed after its preview) fail the
    job with the importer's own message naming the line, and nothing is written."""
    from tallytale.jobs.models import Job
    from tallytale.jobs.worker import run_pending
    from tallytale.uploads.models import Upload

    settings.TALLYTALE_IMPORT_JOB_MIN_KB = 0
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import_stories", args=["cwm"])
    html = client.post(url, {"file": _file("stories.csv", STORIES_CSV.encode())}).content.decode()
    upload = Upload.objects.get()
    before = Story.objects.count()
    client.post(url, _confirm_fields(html))
    upload.file.write_bytes(STORIES_CSV.replace("project", "nonsense").encode())
    run_pending()
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and "consent" in job.error and "line 2" in job.error
    assert Story.objects.count() == before

"""Import files stream into private storage and are named by id between preview and
confirm: bounded memory on a 100 MB file, double confirm imports once, limits and content
types enforced, other users', projects' and kinds' uploads refused, cleanup deletes files.

The 100 MB file goes through upload and preview (its first rows: a full dry run of a file
that size is past TALLYTALE_UPLOAD_PREVIEW_MAX_MB); the full import and the double confirm
run on a file of a few MB, which keeps the suite's runtime reasonable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.client import ClientHandler, RequestFactory
from django.urls import reverse
from django.utils import timezone

from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending
from tallytale.ledger.models import Contribution
from tallytale.programmes import services as people
from tallytale.programmes.permissions import Actor
from tallytale.stories.models import Story
from tallytale.uploads import services
from tallytale.uploads.models import Upload
from tests.actors import OPERATOR
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
HEADER = "person_code,partner,date,hours,activity\n"
ACTIVITY = "bulk"
STORIES_CSV = (
    "external_id,text,participant_code,consent,collected_on\n"
    "ext-1,We started a walking group by the river.,M1,project,2025-04-01\n"
)


def contributions_csv(path: Path, size: int) -> Path:
    """A valid contributions CSV of about `size` bytes, written in 1 MB blocks."""
    day0 = dt.date(2005, 1, 1)  # 6,000 days: each member gives an hour on 2,000 of them
    rows = []
    for i in range(6000):
        day = day0 + dt.timedelta(days=i)
        rows.append(f"M{1 + i % 3},{('library', 'garden')[i % 2]},{day},1,{ACTIVITY}\n")
    block = "".join(rows).encode()
    with open(path, "wb") as f:
        f.write(HEADER.encode())
        while f.tell() + len(block) <= size:
            f.write(block)
        for row in rows:  # top up with whole rows, staying within `size`
            if f.tell() + len(row) > size:
                break
            f.write(row.encode())
    return path


def _file(name: str, data: bytes):
    f = io.BytesIO(data)
    f.name = name
    return f


def _upload_id(html: str) -> str:
    return re.search(r'name="upload" value="([0-9a-f-]+)"', html).group(1)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(MB):
            digest.update(chunk)
    return digest.hexdigest()


def _stream_post(client, url: str, field: str, path: Path, body: Path):
    """POST `path` as a multipart file through Django's handler, the body read from disk
    (the test client would build it in memory, hiding what the server holds)."""
    boundary = "tallytaleboundary"
    with open(body, "wb") as out:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{path.name}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
        )
        with open(path, "rb") as src:
            shutil.copyfileobj(src, out, MB)
        out.write(f"\r\n--{boundary}--\r\n".encode())
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    with open(body, "rb") as stream:
        environ = RequestFactory()._base_environ(
            PATH_INFO=url,
            REQUEST_METHOD="POST",
            CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
            CONTENT_LENGTH=str(body.stat().st_size),
            HTTP_COOKIE=cookie,
        )
        environ["wsgi.input"] = stream
        return ClientHandler(enforce_csrf_checks=False)(environ)


def test_100_mb_contributions_upload_streams_with_bounded_memory(client, site, tmp_path):
    client.force_login(site["users"]["coordinator"])
    src = contributions_csv(tmp_path / "hours.csv", 100 * MB)
    url = reverse("web:import", args=["cwm"])
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        r = _stream_post(client, url, "file", src, tmp_path / "body")
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        (tmp_path / "body").unlink()  # pytest keeps recent temporary directories: free 100 MB
    html = r.content.decode()
    assert r.status_code == 200, html[:2000]
    assert peak < 10 * MB, f"the request held {peak / MB:.1f} MB for a 100 MB file"
    upload = Upload.objects.get()
    assert upload.size == src.stat().st_size and upload.sha256 == _sha256(src)
    assert upload.content_type == "text/csv; charset=utf-8"
    assert upload.file.is_file() and upload.file.stat().st_size == upload.size
    root = Path(settings.TALLYTALE_UPLOAD_ROOT)
    assert upload.file.resolve().is_relative_to(root.resolve())
    assert not list((root / "incoming").glob("*.part"))
    # the preview shows the first rows and names the stored file, nothing is written yet
    assert "too large to check before importing" in html
    assert "M1" in html and "library" in html and "2005-01-01" in html
    assert _upload_id(html) == str(upload.pk)
    assert "base64" not in html and 'name="data"' not in html
    assert Contribution.objects.filter(activity=ACTIVITY).count() == 0
    src.unlink()
    upload.file.unlink()


def test_a_few_mb_preview_then_confirm_imports_once_in_a_job(client, site, tmp_path):
    """Above TALLYTALE_IMPORT_JOB_MIN_KB the confirm queues a job and shows its progress:
    a double confirm is the same job, and the worker imports every row exactly once."""
    client.force_login(site["users"]["coordinator"])
    src = contributions_csv(tmp_path / "hours.csv", 2 * MB)
    rows = sum(1 for _ in open(src)) - 1
    assert rows > 3000
    url = reverse("web:import", args=["cwm"])
    r = client.post(url, {"file": open(src, "rb")})  # noqa: SIM115
    html = r.content.decode()
    assert r.status_code == 200 and f"{rows} rows: {rows} will be recorded" in html
    assert Contribution.objects.filter(activity=ACTIVITY).count() == 0
    confirm = {"confirm": "1", "upload": _upload_id(html)}
    first = client.post(url, confirm)
    again = client.post(url, confirm)  # the same confirm again (a double click, a reload)
    job = Job.objects.get()
    assert first.status_code == 302 and first.url == again.url == f"/p/cwm/jobs/{job.pk}/"
    assert job.kind == "ledger.import" and job.user == site["users"]["coordinator"]
    assert Contribution.objects.filter(activity=ACTIVITY).count() == 0  # not in the request
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    assert Contribution.objects.filter(activity=ACTIVITY).count() == rows
    assert Upload.objects.get().consumed_at is not None
    page = client.get(first.url).content.decode()
    assert f"{rows} rows: {rows} imported, 0 were already imported." in page
    # retrying the finished job's import (a worker died after committing) writes nothing twice
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED)
    client.post(f"/p/cwm/jobs/{job.pk}/retry")
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.params["summary"]["already_imported"] == rows
    assert Contribution.objects.filter(activity=ACTIVITY).count() == rows


def test_a_small_confirm_imports_in_the_request(client, site, tmp_path, settings):
    client.force_login(site["users"]["coordinator"])
    src = contributions_csv(tmp_path / "hours.csv", 20 * 1024)
    rows = sum(1 for _ in open(src)) - 1
    url = reverse("web:import", args=["cwm"])
    html = client.post(url, {"file": open(src, "rb")}).content.decode()  # noqa: SIM115
    r = client.post(url, {"confirm": "1", "upload": _upload_id(html)})
    assert r.status_code == 200 and f"Imported {rows} rows (0 were already" in r.content.decode()
    assert Contribution.objects.filter(activity=ACTIVITY).count() == rows
    assert not Job.objects.exists()


def test_a_job_imports_only_its_starters_upload(client, site, tmp_path):
    """The job names an upload by id; run as someone else, or in another project, it finds
    nothing and fails in words (no import of another user's file)."""
    from tallytale.ledger import tasks as ledger_tasks

    client.force_login(site["users"]["coordinator"])
    src = contributions_csv(tmp_path / "hours.csv", 300 * 1024)
    html = client.post(
        reverse("web:import", args=["cwm"]), {"file": open(src, "rb")}
    ).content.decode()  # noqa: SIM115
    upload = Upload.objects.get(pk=_upload_id(html))
    people.create_project("other", "Other")
    intruder = Actor("web:x", make_user("INTRUDER", "other", "coordinator"))
    job = ledger_tasks.start_import(
        actor=intruder, project=people.get_project("other"), upload=upload
    )
    run_pending()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "no longer available" in job.error
    assert Contribution.objects.filter(activity=ACTIVITY).count() == 0


def test_oversize_is_refused_with_413_and_nothing_kept(client, site, tmp_path):
    settings_limit = {**settings.TALLYTALE_UPLOAD_MAX_MB, "contributions": 1}
    client.force_login(site["users"]["coordinator"])
    src = contributions_csv(tmp_path / "hours.csv", 2 * MB)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(settings, "TALLYTALE_UPLOAD_MAX_MB", settings_limit)
        r = client.post(reverse("web:import", args=["cwm"]), {"file": open(src, "rb")})  # noqa: SIM115
    assert r.status_code == 413
    assert "The file is larger than 1 MB. Split it, or import it with the command line." in (
        r.content.decode()
    )
    assert not Upload.objects.exists()
    assert not list(Path(settings.TALLYTALE_UPLOAD_ROOT).rglob("*.part"))


def _xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["external_id", "text"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return out.getvalue()


@pytest.mark.parametrize(
    ("page", "name", "data", "message"),
    [
        ("web:import", "hours.csv", _xlsx_bytes(), "This is not a CSV file."),
        ("web:import", "hours.xlsx", HEADER.encode(), "This is not an XLSX workbook."),
        ("web:import", "hours.csv", HEADER.encode() + b"M1,lib\x81rary,2025-01-01,1,x\n", "line 2"),
        ("web:import", "hours.csv", HEADER.encode() + b"M1,\x00,2025-01-01,1,x\n", "NUL"),
        ("web:import_stories", "s.xlsx", _zip_bytes(), "This is not an XLSX workbook."),
        ("web:import_stories", "s.xlsx", STORIES_CSV.encode(), "This is not an XLSX workbook."),
        ("web:import_stories", "s.csv", _xlsx_bytes(), "This is not a CSV file."),
    ],
    ids=["xlsx-as-csv", "xlsx-contrib", "not-an-encoding", "nul", "zip", "csv-as-xlsx", "xlsx"],
)
def test_type_is_checked_from_the_content(client, site, page, name, data, message):
    """The browser's claim (text/csv for all of these) counts for nothing."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(site["users"]["coordinator"])
    f = SimpleUploadedFile(name, data, "text/csv")
    r = client.post(reverse(page, args=["cwm"]), {"file": f})
    assert r.status_code == 400 and message in r.content.decode()
    assert not Upload.objects.exists()
    assert not [p for p in Path(settings.TALLYTALE_UPLOAD_ROOT).rglob("*") if p.is_file()]


def test_contributions_page_takes_a_real_xlsx_and_semicolon_csv(client, site):
    """A real .xlsx of hours was refused ("Choose a .csv file", and from the command line
    "not UTF-8 text (byte 10)"); a `;` CSV had every column missing."""
    book = openpyxl.Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append(["M1", "library", "14/06/2025", 1.5, "xlsx-hours"])
    out = io.BytesIO()
    book.save(out)
    client.force_login(site["users"]["coordinator"])
    url = reverse("web:import", args=["cwm"])
    for name, data in (
        ("hours.xlsx", out.getvalue()),
        (
            "hours.csv",
            HEADER.replace(",", ";").encode() + b"M2;library;15/06/2025;1,5;xlsx-hours\n",
        ),
    ):
        r = client.post(url, {"file": _file(name, data)})
        html = r.content.decode()
        assert r.status_code == 200 and "1 rows: 1 will be recorded" in html, html
        assert "xlsx-hours" in html  # the preview shows the file's columns split
        r = client.post(url, {"confirm": "1", "upload": _upload_id(html)})
        assert r.status_code == 200 and "Imported 1 rows" in r.content.decode()
    assert Contribution.objects.filter(activity="xlsx-hours").count() == 2


def test_xlsx_stories_are_detected_and_previewed(client, site):
    book = openpyxl.Workbook()
    book.active.append(["external_id", "text", "participant_code", "consent"])
    book.active.append(["x-1", "A story from a workbook.", "M1", "project"])
    out = io.BytesIO()
    book.save(out)
    client.force_login(site["users"]["coordinator"])
    r = client.post(
        reverse("web:import_stories", args=["cwm"]), {"file": _file("s.xlsx", out.getvalue())}
    )
    assert r.status_code == 200 and "A story from a workbook." in r.content.decode()
    assert Upload.objects.get().content_type == services.XLSX


def _stories_upload(client, user) -> str:
    client.force_login(user)
    r = client.post(
        reverse("web:import_stories", args=["cwm"]), {"file": _file("s.csv", STORIES_CSV.encode())}
    )
    assert r.status_code == 200
    return _upload_id(r.content.decode())


def test_another_users_project_or_kind_cannot_use_an_upload(client, site):
    owner = site["users"]["coordinator"]
    pk = _stories_upload(client, owner)
    before = Story.objects.count()
    refused = "This file is no longer available; choose it again."

    other = make_user("C2", "cwm", "coordinator")  # same project and role, another user
    client.force_login(other)
    r = client.post(reverse("web:import_stories", args=["cwm"]), {"confirm": "1", "upload": pk})
    assert r.status_code == 400 and refused in r.content.decode()

    people.add_person("C1", "town", "coordinator", actor=OPERATOR)  # the owner, elsewhere
    client.force_login(owner)
    r = client.post(reverse("web:import_stories", args=["town"]), {"confirm": "1", "upload": pk})
    assert r.status_code == 400 and refused in r.content.decode()

    r = client.post(  # the same user and project, another import page
        reverse("web:import_responses", args=["cwm"]),
        {"confirm": "1", "upload": pk, "instrument": site["instrument"].pk},
    )
    assert r.status_code == 400 and refused in r.content.decode()
    r = client.post(reverse("web:import", args=["cwm"]), {"confirm": "1", "upload": pk})
    assert r.status_code == 400 and refused in r.content.decode()

    Upload.objects.filter(pk=pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    r = client.post(reverse("web:import_stories", args=["cwm"]), {"confirm": "1", "upload": pk})
    assert r.status_code == 400 and refused in r.content.decode()
    assert Story.objects.count() == before

    Upload.objects.filter(pk=pk).update(expires_at=timezone.now() + dt.timedelta(hours=1))
    r = client.post(reverse("web:import_stories", args=["cwm"]), {"confirm": "1", "upload": pk})
    assert r.status_code == 200 and Story.objects.count() == before + 1  # the owner may


def test_a_refused_user_leaves_no_file(client, site):
    client.force_login(site["users"]["participant"])
    r = client.post(
        reverse("web:import_stories", args=["cwm"]), {"file": _file("s.csv", STORIES_CSV.encode())}
    )
    assert r.status_code == 403
    assert not [p for p in Path(settings.TALLYTALE_UPLOAD_ROOT).rglob("*") if p.is_file()]


def test_clean_deletes_expired_and_consumed_uploads_and_stale_parts(client, site):
    fresh, expired, consumed = (
        _stories_upload(client, site["users"]["coordinator"]) for _ in range(3)
    )
    Upload.objects.filter(pk=expired).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    Upload.objects.filter(pk=consumed).update(consumed_at=timezone.now())
    files = {pk: Upload.objects.get(pk=pk).file for pk in (fresh, expired, consumed)}
    incoming = Path(settings.TALLYTALE_UPLOAD_ROOT) / "incoming"
    stale, recent = incoming / "old.part", incoming / "new.part"
    stale.write_bytes(b"x")
    recent.write_bytes(b"x")
    old = (timezone.now() - dt.timedelta(hours=2)).timestamp()
    import os

    os.utime(stale, (old, old))
    out = io.StringIO()
    call_command("uploads", "clean", stdout=out)
    assert out.getvalue().strip() == "deleted 2 uploads"
    assert set(Upload.objects.values_list("pk", flat=True)) == {Upload.objects.get(pk=fresh).pk}
    assert files[fresh].is_file()
    assert not files[expired].exists() and not files[consumed].exists()
    assert not stale.exists() and recent.exists()


def test_private_storage_is_outside_every_served_directory():
    from tallytale import settings as defaults

    default_root = Path(defaults.TALLYTALE_UPLOAD_ROOT).resolve()
    for served in (defaults.MEDIA_ROOT, defaults.STATIC_ROOT):
        assert not default_root.is_relative_to(Path(served).resolve())
        assert not Path(served).resolve().is_relative_to(default_root)

"""The command line's view of jobs: `tallytale worker` prints one line per job it finished;
`tallytale report` shows its stages on stderr only when stderr is a terminal."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tallytale.demo.sample import build_sample_project
from tallytale.jobs import services as jobs
from tallytale.jobs.models import Job
from tests.actors import OPERATOR

from .conftest import member


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.django_db(transaction=True)
def test_the_worker_prints_one_line_per_finished_job(projects):
    alpha, _ = projects
    coord = member("A1", "alpha", "coordinator")
    done = jobs.start("test.echo", actor=coord, project=alpha, params={})
    failed = jobs.start("test.echo", actor=coord, project=alpha, params={"do": "boom"})
    cancelled = jobs.start("test.echo", actor=coord, project=alpha, params={})
    jobs.cancel(cancelled, OPERATOR)  # its task runs but finds nothing to do: no line
    out = io.StringIO()
    call_command("worker", "--burst", "--interval", "0", stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"job {done.pk} test.echo (alpha): done in ")
    assert lines[0].endswith(", echo.txt (1 kB)")
    assert lines[1].startswith(f"job {failed.pk} test.echo (alpha): failed in ")
    assert lines[1].endswith(": row 3: hours must be a number")
    assert Job.objects.get(pk=done.pk).state == Job.State.DONE


@pytest.fixture
def riverside(db):
    return build_sample_project("riverside", participants=12, seed=3)


def test_report_shows_progress_on_a_terminal_only(riverside, tmp_path):
    args = ["report", "--project", "riverside", "--format", "md"]
    piped = io.StringIO()
    call_command(*args, "--out", str(tmp_path / "a.md"), stdout=io.StringIO(), stderr=piped)
    assert piped.getvalue() == ""  # a pipe or a log: no progress lines
    tty, out = Terminal(), io.StringIO()
    call_command(*args, stdout=out, stderr=tty)
    lines = tty.getvalue().splitlines()
    assert [line[:5] for line in lines] == ["[1/3]", "[2/3]", "[3/3]"]
    assert "rendering" in lines[1] and " as md" in lines[1]
    assert out.getvalue().startswith("#") and "[1/3]" not in out.getvalue()


def test_a_report_job_reports_its_stages(riverside):
    seen: list[str] = []
    real = jobs.progress

    def spy(job, done, total, message=""):
        seen.append(f"{done}/{total} {message}")
        real(job, done, total, message)

    job = jobs.start(
        "evidence.report", actor=OPERATOR, project=riverside.project,
        params={"fmt": "json", "audience": "public"},
    )  # fmt: skip
    jobs.progress = spy
    try:
        from tallytale.jobs.worker import run_pending

        run_pending()
    finally:
        jobs.progress = real
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    assert [s[:3] for s in seen] == ["0/3", "1/3", "2/3"]

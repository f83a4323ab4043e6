"""The `tallytale` command as a user runs it: a real process on its own SQLite file."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).with_name("tallytale")


@pytest.fixture
def tt(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    env = {**os.environ, "TALLYTALE_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)

    def run(*args, ok=True):
        p = subprocess.run(
            [str(BIN), *args, "--db", db], capture_output=True, text=True, env=env, timeout=120
        )
        if ok:
            assert p.returncode == 0, p.stderr
        else:
            assert p.returncode != 0, p.stdout
            lines = [line for line in p.stderr.strip().splitlines() if line]
            assert len(lines) >= 1 and "Traceback" not in p.stderr
        return p

    return run


def test_help_lists_commands():
    p = subprocess.run([str(BIN), "--help"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and "ledger" in p.stdout and "import" in p.stdout


def test_uninitialised_database_is_a_one_line_error(tt):
    p = tt("project", "list", ok=False)
    assert (
        p.stderr.strip()
        == "tallytale: error: the database is not initialised; run `tallytale init`"
    )


def test_people_projects_partners_and_ledger_end_to_end(tt, tmp_path):
    tt("init")
    tt("programme", "create", "valleys", "--name", "Valleys")
    tt("project", "create", "cwm", "--name", "Cwm Community", "--programme", "valleys")
    tt("project", "create", "solo", "--name", "Solo")
    listed = json.loads(tt("project", "list", "--format", "json").stdout)
    assert listed == [
        {"slug": "cwm", "name": "Cwm Community", "programme": "valleys"},
        {"slug": "solo", "name": "Solo", "programme": None},
    ]
    assert "already exists" in tt("project", "create", "cwm", "--name", "x", ok=False).stderr
    assert (
        "no programme 'nope'"
        in tt("project", "create", "p2", "--programme", "nope", ok=False).stderr
    )
    tt("person", "add", "M1", "--project", "cwm")
    tt("person", "add", "M2", "--project", "cwm", "--card", "CARD-2")
    tt("person", "add", "C1", "--project", "cwm", "--role", "coordinator")
    assert "already a participant" in tt("person", "add", "M1", "--project", "cwm", ok=False).stderr
    assert "no project 'nope'" in tt("person", "add", "M9", "--project", "nope", ok=False).stderr
    tt("partner", "add", "library", "--project", "cwm", "--kind", "earning")
    tt("partner", "add", "pool", "--project", "cwm", "--kind", "spending")
    assert (
        "already exists"
        in tt("partner", "add", "pool", "--project", "cwm", "--kind", "both", ok=False).stderr
    )

    earn = json.loads(
        tt(
            "ledger",
            "earn",
            "M1",
            "--partner",
            "library",
            "--hours",
            "2.5",
            "--date",
            "2025-01-05",
            "--category",
            "gardening",
            "--format",
            "json",
        ).stdout
    )
    assert earn["minutes"] == 150 and earn["kind"] == "earn"
    tt(
        "ledger",
        "spend",
        "M1",
        "--partner",
        "pool",
        "--credits",
        "1",
        "--category",
        "leisure",
        "--key",
        "k1",
    )
    tt(
        "ledger",
        "spend",
        "M1",
        "--partner",
        "pool",
        "--credits",
        "1",
        "--category",
        "leisure",
        "--key",
        "k1",
    )
    tt("ledger", "gift", "M1", "--to", "CARD-2", "--credits", "0.5")
    balance = json.loads(tt("ledger", "balance", "M1", "--format", "json").stdout)
    assert balance["balance_minutes"] == 60
    for args, message in [
        (("ledger", "spend", "M1", "--partner", "pool", "--credits", "5"), "1 credits available"),
        (("ledger", "earn", "M1", "--partner", "library", "--hours", "0"), "more than zero"),
        (("ledger", "earn", "M1", "--partner", "library", "--hours", "-1"), "more than zero"),
        (
            (
                "ledger",
                "earn",
                "M1",
                "--partner",
                "library",
                "--hours",
                "1",
                "--date",
                "2999-01-01",
            ),
            "future",
        ),
        (("ledger", "earn", "NOPE", "--partner", "library", "--hours", "1"), "no member 'NOPE'"),
        (("ledger", "earn", "M1", "--partner", "nope", "--hours", "1"), "no partner 'nope'"),
        (("ledger", "earn", "M1", "--partner", "library", "--hours", "25"), "24"),
    ]:
        assert message in tt(*args, ok=False).stderr
    spend_id = json.loads(tt("ledger", "statement", "M1", "--format", "json").stdout)["lines"][1][
        "id"
    ]
    tt("ledger", "reverse", str(spend_id))
    assert "already been reversed" in tt("ledger", "reverse", str(spend_id), ok=False).stderr
    assert (
        json.loads(tt("ledger", "balance", "M1", "--format", "json").stdout)["balance_minutes"]
        == 120
    )

    csv = tmp_path / "hours.csv"
    csv.write_text("person_code,partner,date,hours,activity\nM2,library,2025-02-01,3,cooking\n")
    assert (
        "1 contributions recorded"
        in tt("import", "contributions", str(csv), "--project", "cwm").stdout
    )
    assert (
        "1 rows already imported"
        in tt("import", "contributions", str(csv), "--project", "cwm").stdout
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "person_code,partner,date,hours,activity\nM2,library,2025-02-01,x,cooking\nZZ,library,2025-02-01,1,a\n"
    )
    p = tt("import", "contributions", str(bad), "--project", "cwm", ok=False)
    assert "line 2: hours must be a number" in p.stderr and "line 3: person_code 'ZZ'" in p.stderr

    stats = json.loads(
        tt("ledger", "stats", "--project", "cwm", "--from", "2025-01-01", "--format", "json").stdout
    )
    assert stats["hours_given"] == 5.5 and stats["active_members"] == 2
    assert "books balance" in tt("ledger", "check").stdout


def test_serve_runs_threaded_workers_with_keep_alive_by_default(tt):
    """Threaded workers keep a slow phone's upload from holding a whole worker, and keep
    connections open across a pause between pages; --threads 1 gives sync workers."""
    tt("init")
    argv = tt("serve", "--dry-run", "--workers", "3").stdout.split()
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--worker-class") + 1] == "gthread"
    assert argv[argv.index("--threads") + 1] == "4"
    assert int(argv[argv.index("--keep-alive") + 1]) >= 15
    assert argv[argv.index("--logger-class") + 1] == "tallytale.ops.access_log.RedactingLogger"
    argv = tt("serve", "--dry-run", "--threads", "1").stdout.split()
    assert "--worker-class" not in argv and "--threads" not in argv
    p = tt("serve", "--dry-run", "--threads", "0", ok=False)
    assert "threads must be at least 1" in p.stderr

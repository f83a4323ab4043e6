"""The `tallytale` command as a user runs it: a real process on its own SQLite file.

Starting a process costs a Django start-up (about a second, more on a busy machine), so
the long end-to-end scripts run their commands in batches: one process calls
`tallytale.cli.main` once per command line, exactly as the `tallytale` script does, and
reports each command's exit code, stdout and stderr. The help and the uninitialised-
database checks still run the installed `tallytale` script itself.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

BIN = Path(sys.executable).with_name("tallytale")

# Runs each command line as `tallytale ARGS` would (`raise SystemExit(main())`), in one
# process: the exit code, stdout and stderr of each; an uncaught exception becomes a
# traceback on stderr with exit code 1, as it would from the script.
BATCH = r"""
import contextlib, io, json, os, sys, traceback
import django
from tallytale.cli import main

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")
django.setup()  # outside the redirection: log handlers keep the real stderr

results = []
for argv in json.loads(sys.stdin.read()):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if exc.code is not None and not isinstance(exc.code, int):
                err.write(f"{exc.code}\n")
        except BaseException:
            traceback.print_exc()
            code = 1
    results.append([code, out.getvalue(), err.getvalue()])
sys.__stdout__.write(json.dumps(results))
"""


def _check(p, args, ok):
    if ok:
        assert p.returncode == 0, (args, p.stderr)
    else:
        assert p.returncode != 0, (args, p.stdout)
        lines = [line for line in p.stderr.strip().splitlines() if line]
        assert len(lines) >= 1 and "Traceback" not in p.stderr, (args, p.stderr)
    return p


@pytest.fixture
def tt(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    env = {**os.environ, "TALLYTALE_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)

    def run(*args, ok=True):
        p = subprocess.run(
            [str(BIN), *args, "--db", db], capture_output=True, text=True, env=env, timeout=120
        )
        return _check(p, args, ok)

    def batch(*commands):
        """Run (args, ok) pairs in one process, in order; one result per command."""
        p = subprocess.run(
            [sys.executable, "-c", BATCH],
            input=json.dumps([[*args, "--db", db] for args, _ok in commands]),
            capture_output=True,
            text=True,
            env={**env, "DATABASE_URL": db},
            timeout=300,
        )
        assert p.returncode == 0, p.stderr
        results = json.loads(p.stdout)
        assert len(results) == len(commands)
        return [
            _check(SimpleNamespace(returncode=code, stdout=out, stderr=err), args, ok)
            for (args, ok), (code, out, err) in zip(commands, results, strict=True)
        ]

    run.batch = batch
    return run


def ok(*args):
    return (args, True)


def fails(*args):
    return (args, False)


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
    csv = tmp_path / "hours.csv"
    csv.write_text("person_code,partner,date,hours,activity\nM2,library,2025-02-01,3,cooking\n")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "person_code,partner,date,hours,activity\nM2,library,2025-02-01,x,cooking\nZZ,library,2025-02-01,1,a\n"
    )
    refusals = [
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
    ]
    spend = ("ledger", "spend", "M1", "--partner", "pool", "--credits", "1")
    (
        _init,
        _programme,
        _cwm,
        _solo,
        listed,
        cwm_again,
        no_programme,
        _m1,
        _m2,
        _c1,
        m1_again,
        no_project,
        _library,
        _pool,
        pool_again,
        earn,
        _spend,
        _spend_again,
        _gift,
        balance,
        *refused,
        statement,
    ) = tt.batch(
        ok("init"),
        ok("programme", "create", "valleys", "--name", "Valleys"),
        ok("project", "create", "cwm", "--name", "Cwm Community", "--programme", "valleys"),
        ok("project", "create", "solo", "--name", "Solo"),
        ok("project", "list", "--format", "json"),
        fails("project", "create", "cwm", "--name", "x"),
        fails("project", "create", "p2", "--programme", "nope"),
        ok("person", "add", "M1", "--project", "cwm"),
        ok("person", "add", "M2", "--project", "cwm", "--card", "CARD-2"),
        ok("person", "add", "C1", "--project", "cwm", "--role", "coordinator"),
        fails("person", "add", "M1", "--project", "cwm"),
        fails("person", "add", "M9", "--project", "nope"),
        ok("partner", "add", "library", "--project", "cwm", "--kind", "earning"),
        ok("partner", "add", "pool", "--project", "cwm", "--kind", "spending"),
        fails("partner", "add", "pool", "--project", "cwm", "--kind", "both"),
        ok(
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
        ),
        ok(*spend, "--category", "leisure", "--key", "k1"),
        ok(*spend, "--category", "leisure", "--key", "k1"),
        ok("ledger", "gift", "M1", "--to", "CARD-2", "--credits", "0.5"),
        ok("ledger", "balance", "M1", "--format", "json"),
        *[fails(*args) for args, _message in refusals],
        ok("ledger", "statement", "M1", "--format", "json"),
    )
    assert json.loads(listed.stdout) == [
        {"slug": "cwm", "name": "Cwm Community", "programme": "valleys"},
        {"slug": "solo", "name": "Solo", "programme": None},
    ]
    assert "already exists" in cwm_again.stderr
    assert "no programme 'nope'" in no_programme.stderr
    assert "already a participant" in m1_again.stderr
    assert "no project 'nope'" in no_project.stderr
    assert "already exists" in pool_again.stderr
    earned = json.loads(earn.stdout)
    assert earned["minutes"] == 150 and earned["kind"] == "earn"
    assert json.loads(balance.stdout)["balance_minutes"] == 60
    for (_args, message), p in zip(refusals, refused, strict=True):
        assert message in p.stderr

    spend_id = json.loads(statement.stdout)["lines"][1]["id"]
    _reverse, reverse_again, balance, first, second, bad_import, stats, check = tt.batch(
        ok("ledger", "reverse", str(spend_id)),
        fails("ledger", "reverse", str(spend_id)),
        ok("ledger", "balance", "M1", "--format", "json"),
        ok("import", "contributions", str(csv), "--project", "cwm"),
        ok("import", "contributions", str(csv), "--project", "cwm"),
        fails("import", "contributions", str(bad), "--project", "cwm"),
        ok("ledger", "stats", "--project", "cwm", "--from", "2025-01-01", "--format", "json"),
        ok("ledger", "check"),
    )
    assert "already been reversed" in reverse_again.stderr
    assert json.loads(balance.stdout)["balance_minutes"] == 120
    assert "1 contributions recorded" in first.stdout
    assert "1 rows already imported" in second.stdout
    p = bad_import
    assert "line 2: hours must be a number" in p.stderr and "line 3: person_code 'ZZ'" in p.stderr

    stats = json.loads(stats.stdout)
    assert stats["hours_given"] == 5.5 and stats["active_members"] == 2
    assert "books balance" in check.stdout
    # The installed script itself, in its own process, reads what the batches wrote.
    assert json.loads(tt("ledger", "balance", "M1", "--format", "json").stdout) == json.loads(
        balance.stdout
    )


def test_serve_runs_threaded_workers_with_keep_alive_by_default(tt):
    """Threaded workers keep a slow phone's upload from holding a whole worker, and keep
    connections open across a pause between pages; --threads 1 gives sync workers."""
    _init, default, sync, zero = tt.batch(
        ok("init"),
        ok("serve", "--dry-run", "--workers", "3"),
        ok("serve", "--dry-run", "--threads", "1"),
        fails("serve", "--dry-run", "--threads", "0"),
    )
    argv = default.stdout.split()
    assert argv[argv.index("--workers") + 1] == "3"
    assert argv[argv.index("--worker-class") + 1] == "gthread"
    assert argv[argv.index("--threads") + 1] == "2"
    assert int(argv[argv.index("--keep-alive") + 1]) >= 15
    assert argv[argv.index("--logger-class") + 1] == "tallytale.ops.access_log.RedactingLogger"
    argv = sync.stdout.split()
    assert "--worker-class" not in argv and "--threads" not in argv
    assert "threads must be at least 1" in zero.stderr


def test_db_plain_path_is_a_sqlite_file_and_bad_url_is_one_line(tmp_path):
    """`--db /path/file.sqlite3` used to dump a 35-line traceback (UnknownSchemeError)."""
    env = {**os.environ, "TALLYTALE_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    plain = tmp_path / "plain.sqlite3"
    p = subprocess.run(
        [str(BIN), "init", "--db", str(plain)], capture_output=True, text=True, env=env, timeout=120
    )
    assert p.returncode == 0, p.stderr
    assert plain.is_file() and plain.stat().st_size > 0
    for bad in ("nope://x/y", "postgres://u:p@h:notaport/db"):
        p = subprocess.run(
            [str(BIN), "project", "list", "--db", bad],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        lines = p.stderr.strip().splitlines()
        assert p.returncode == 2 and len(lines) == 1 and "Traceback" not in p.stderr, p.stderr
        assert lines[0].startswith("tallytale: error: --db") and "file path" in lines[0]

"""Benchmark: importing a Kobo-style CSV of survey responses.

Generates an N-row (default 200,000) KoboToolbox-style export (`;`-delimited, group
paths, select_multiple both as one column and one-hot, `_uuid`, `_submission_time`) for
a form with SWEMWBS, ONS4 and a few everyday questions, into a temp dir; then, in the
same run, times (a) reading the CSV with the csv module (the baseline) and (b) the full
Tallytale import (validation, typed answers, scale scores, one transaction) into a
fresh SQLite database. Prints a markdown table.

    .venv/bin/python benchmarks/import_responses.py [--rows N] [--keep]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FORM = {
    "survey": [
        {
            "type": "text",
            "name": "participant_code",
            "label": "Participant code",
            "required": "yes",
        },
        {"type": "integer", "name": "age", "label": "Age", "constraint": ". >= 16 and . <= 110"},
        {"type": "begin_group", "name": "about", "label": "About you"},
        {"type": "select_one yesno", "name": "volunteered", "label": "Volunteered before?"},
        {
            "type": "select_multiple activity",
            "name": "activities",
            "label": "Activities",
            "relevant": "${volunteered} = 'yes'",
        },
        {"type": "decimal", "name": "hours", "label": "Hours a week", "constraint": ". >= 0"},
        {"type": "end_group", "name": ""},
        {"type": "date", "name": "joined", "label": "Date joined"},
        *[
            {
                "type": "select_one freq",
                "name": f"swemwbs_{i}",
                "label": f"SWEMWBS {i}",
                "required": "yes",
            }
            for i in range(1, 8)
        ],
        *[
            {"type": "select_one zero_ten", "name": n, "label": n}
            for n in ("ons4_life", "ons4_worthwhile", "ons4_happy", "ons4_anxious")
        ],
    ],
    "choices": [
        {"list_name": "yesno", "name": "yes", "label": "Yes"},
        {"list_name": "yesno", "name": "no", "label": "No"},
        *[
            {"list_name": "activity", "name": a, "label": a.title()}
            for a in ("garden", "cafe", "library", "choir")
        ],
        *[{"list_name": "freq", "name": str(i), "label": str(i)} for i in range(1, 6)],
        *[{"list_name": "zero_ten", "name": str(i), "label": str(i)} for i in range(0, 11)],
    ],
    "settings": [{"form_id": "bench", "version": "1"}],
}
ACTIVITIES = ("garden", "cafe", "library", "choir")


def generate(path: Path, rows: int, people: int) -> None:
    rng = random.Random(42)
    header = ["start", "end", "participant_code", "age", "about/volunteered", "about/activities"]
    header += [f"about/activities/{a}" for a in ACTIVITIES]
    header += ["about/hours", "joined"] + [f"swemwbs_{i}" for i in range(1, 8)]
    header += ["ons4_life", "ons4_worthwhile", "ons4_happy", "ons4_anxious"]
    header += ["_id", "_uuid", "_submission_time", "_validation_status", "_index"]
    day = dt.date(2025, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(header)
        for n in range(rows):
            vol = rng.random() < 0.6
            acts = [a for a in ACTIVITIES if vol and rng.random() < 0.4]
            when = f"2025-03-{1 + n % 28:02d}T10:{n % 60:02d}:00"
            w.writerow(
                [
                    when,
                    when,
                    f"P{n % people:05d}",
                    rng.randint(16, 90),
                    "yes" if vol else "no",
                    " ".join(acts),
                ]
                + [("1" if a in acts else "0") if vol else "" for a in ACTIVITIES]
                + [
                    f"{rng.randint(0, 40) / 2:g}" if vol else "",
                    (day - dt.timedelta(days=n % 700)).isoformat(),
                ]
                + [rng.randint(1, 5) for _ in range(7)]
                + [rng.randint(0, 10) for _ in range(4)]
                + [n + 1, str(uuid.UUID(int=rng.getrandbits(128))), when, "", n + 1]
            )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tt-bench-"))
    os.environ["TALLYTALE_DATA_DIR"] = str(tmp / "data")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tallytale.programmes import services as people
    from tallytale.programmes.models import Membership, Person, Project
    from tallytale.surveys import responses as surveys_responses
    from tallytale.surveys import services
    from tallytale.surveys.importers import read_rows
    from tallytale.surveys.models import Answer, Response
    from tallytale.surveys.xlsform import parse_xlsform

    people.create_project("bench", "Bench")
    project = Project.objects.get(slug="bench")
    today = dt.date(2025, 1, 1)
    Person.objects.bulk_create(
        Person(code=f"P{i:05d}", home_project=project, registered_on=today)
        for i in range(args.people)
    )
    Membership.objects.bulk_create(
        Membership(person=p, project=project, joined_on=today)
        for p in Person.objects.filter(home_project=project)
    )
    from django.db import transaction

    with transaction.atomic():
        instrument = services._store(
            parse_xlsform(FORM, name="bench"), project, "", "bench"
        ).instrument
    services.create_wave("bench", "baseline")

    csv_path = tmp / "kobo.csv"
    t = time.perf_counter()
    generate(csv_path, args.rows, args.people)
    gen_s = time.perf_counter() - t
    size_mb = csv_path.stat().st_size / 1e6

    t = time.perf_counter()
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        n_base = sum(1 for _ in csv.reader(f, delimiter=";")) - 1
    base_s = time.perf_counter() - t

    spec = services.spec_for(instrument)
    t = time.perf_counter()
    _, rows = read_rows(csv_path, spec)
    report = surveys_responses.import_responses(
        instrument, rows, wave="baseline", actor_label="bench"
    )
    tt_s = time.perf_counter() - t
    assert report.written == args.rows, report
    answers = Answer.objects.count()
    t = time.perf_counter()
    _, rows = read_rows(csv_path, spec)
    again = surveys_responses.import_responses(
        instrument, rows, wave="baseline", actor_label="bench"
    )
    re_s = time.perf_counter() - t
    assert again.written == 0 and Response.objects.count() == args.rows

    from tallytale.surveys.exporters import export_responses

    exports = []
    for fmt in ("csv", "parquet", "sav"):
        out = tmp / f"export.{fmt}"
        # peak of what Python and numpy allocate during the export (tracemalloc; timed apart,
        # since tracing slows allocation down)
        tracemalloc.start()
        export_responses(instrument, spec, fmt, out)
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        t = time.perf_counter()
        n = export_responses(instrument, spec, fmt, out)
        exports.append((fmt, n, time.perf_counter() - t, out.stat().st_size / 1e6, peak / 1e6))
        assert n == args.rows

    print(
        f"\n{args.rows:,} rows, {size_mb:.1f} MB CSV (generated in {gen_s:.1f} s), {answers:,} answer rows, "
        f"{os.cpu_count()} CPUs, SQLite\n"
    )
    print("| step | rows | seconds | rows/s | ratio to csv module |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| csv module read (baseline) | {n_base:,} | {base_s:.2f} | {n_base / base_s:,.0f} | 1.0 |"
    )
    print(
        f"| Tallytale import | {args.rows:,} | {tt_s:.2f} | {args.rows / tt_s:,.0f} | {tt_s / base_s:.1f}x slower |"
    )
    print(
        f"| Tallytale re-import (idempotent, writes nothing) | {args.rows:,} | {re_s:.2f} | {args.rows / re_s:,.0f} | {re_s / base_s:.1f}x slower |"
    )
    print("\n| export | responses | seconds | MB written | peak MB allocated while exporting |")
    print("|---|---:|---:|---:|---:|")
    for fmt, n, secs, mb, peak_mb in exports:
        print(f"| {fmt} | {n:,} | {secs:.2f} | {mb:.1f} | {peak_mb:.0f} |")
    print(
        f"\npeak RSS of the whole run: {peak_rss_mb():.0f} MB. CSV and Parquet stream in batches; "
        "the .sav export holds the table in memory (pyreadstat writes from a whole DataFrame)."
    )
    if not args.keep:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print(f"kept {tmp}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark a data-subject request on a heavy member: export and erasure of one person
with 10,000 records (5,000 transfers, 3,000 survey answers, 2,000 stories by default).

Run from the repository root (SQLite in a temporary file, or DATABASE_URL if set):

    .venv/bin/python benchmarks/erasure.py [--transfers 5000] [--answers 3000] [--stories 2000]

Prints markdown: seconds to seed, to export (`rights.erasure.export_person`) and to
erase (`erase_person`), next to a same-run baseline (reading every row of the person's
records once with `values_list`), and checks afterwards that the books still balance.
Target: export and erasure each under 30 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _setup import fresh_django, machine, peak_rss_mb  # noqa: E402

TARGET_SECONDS = 30.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--transfers", type=int, default=5000)
    ap.add_argument("--answers", type=int, default=3000)
    ap.add_argument("--stories", type=int, default=2000)
    args = ap.parse_args()
    vendor = fresh_django("erasure")

    from tests.security.erasure_seed import seed_person

    from tallytale.ledger import statements as ledger_statements
    from tallytale.ledger.models import Transfer
    from tallytale.programmes import services as people
    from tallytale.programmes.permissions import Actor as _Actor
    from tallytale.rights import erasure
    from tallytale.stories.models import Story
    from tallytale.surveys.models import Answer

    people.create_programme("valleys", "Valleys")
    people.create_project("cwm", "Cwm", "valleys")
    people.add_partner("library", "cwm", "earning")
    people.add_partner("pool", "cwm", "spending")
    for i in range(50):  # other members, so queries must pick the person's rows out
        people.add_person(f"M{i}", "cwm", joined_on=dt.date(2024, 1, 1), actor=_Actor.cli("bench"))

    t0 = time.perf_counter()
    person = seed_person(
        "HEAVY1",
        transfers=args.transfers,
        answers=args.answers,
        stories=args.stories,
        marker="benchmark",
    )
    seed_s = time.perf_counter() - t0
    n_transfers = Transfer.objects.filter(debit__person=person).count() + (
        Transfer.objects.filter(credit__person=person).count()
    )
    n_answers = Answer.objects.filter(response__person=person).count()
    n_stories = Story.objects.filter(teller=person).count()

    t0 = time.perf_counter()
    list(Transfer.objects.filter(debit__person=person).values_list("pk", "amount"))
    list(Transfer.objects.filter(credit__person=person).values_list("pk", "amount"))
    list(Answer.objects.filter(response__person=person).values_list("pk", "value_text"))
    list(Story.objects.filter(teller=person).values_list("pk", "text"))
    baseline_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    data = erasure.export_person("HEAVY1", actor_label="bench")
    export_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = erasure.erase_person("HEAVY1", actor_label="bench")
    erase_s = time.perf_counter() - t0
    books = ledger_statements.check_books()
    ok = (
        books["mismatched"] == {}
        and books["sum_of_balances"] == 0
        and report.stories_withdrawn == n_stories
        and len(data["stories"]) == n_stories
    )

    print(f"# Erasure benchmark ({vendor}; {machine()})\n")
    print(
        f"One person with {n_transfers:,} transfers, {n_answers:,} survey answers and "
        f"{n_stories:,} stories ({n_transfers + n_answers + n_stories:,} records).\n"
    )
    print("| step | seconds | ratio to baseline |")
    print("|---|---:|---:|")
    print(f"| baseline: read the person's rows once | {baseline_s:.2f} | 1.0 |")
    print(f"| seed (bulk) | {seed_s:.2f} | |")
    for label, s in (("export_person", export_s), ("erase_person", erase_s)):
        print(f"| {label} | {s:.2f} | {s / max(baseline_s, 1e-6):,.0f} |")
    print(f"\nPeak memory: {peak_rss_mb():.0f} MB. Books balance after erasure: {ok}.")
    within = export_s < TARGET_SECONDS and erase_s < TARGET_SECONDS
    print(f"Target (each under {TARGET_SECONDS:.0f} s): {'met' if within else 'MISSED'}.")
    return 0 if ok and within else 1


if __name__ == "__main__":
    sys.exit(main())

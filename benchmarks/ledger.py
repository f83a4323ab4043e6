"""Ledger throughput: transfers per second through the service API, against raw INSERTs
of the very same rows in the same run and on the same database.

    .venv/bin/python benchmarks/ledger.py [--ops 50000] [--batch 5000]

SQLite by default (a fresh file); set DATABASE_URL to a PostgreSQL database to measure it
(its tables are flushed first: use a scratch database).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from _setup import fresh_django, machine, peak_rss_mb


def _clone_table(cur, vendor: str, table: str, clone: str) -> None:
    """An empty copy with the same columns, indexes and constraints (minus foreign keys and
    triggers), so the baseline pays for the same index maintenance as the real table."""
    cur.execute(f"DROP TABLE IF EXISTS {clone}")
    if vendor == "postgresql":
        cur.execute(
            f"CREATE TABLE {clone} (LIKE {table} INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS)"
        )
        return
    cur.execute(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL", [table]
    )
    for kind, sql in cur.fetchall():
        if kind in ("table", "index"):
            sql = sql.replace(f'"{table}"', f'"{clone}"').replace(" REFERENCES ", " -- ")
            if kind == "index":
                sql = sql.replace('INDEX "', f'INDEX "{clone}_', 1)
            if kind == "table":
                sql = _strip_fk(sql)
            cur.execute(sql)


def _strip_fk(sql: str) -> str:
    import re

    # "debit_id" bigint NOT NULL REFERENCES "ledger_account" ("id") DEFERRABLE INITIALLY DEFERRED
    return re.sub(r' -- "[a-z_]+" \("id"\) DEFERRABLE INITIALLY DEFERRED', "", sql)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ops", type=int, default=50_000)
    ap.add_argument("--batch", type=int, default=5_000)
    ap.add_argument("--members", type=int, default=2_000)
    ap.add_argument(
        "--single", type=int, default=1_000, help="operations through the one-at-a-time API"
    )
    args = ap.parse_args()
    vendor = fresh_django("ledger")

    from django.db import connection, transaction

    from tallytale.core.ledger import Kind
    from tallytale.ledger import batch as ledger_batch
    from tallytale.ledger import services as ledger
    from tallytale.ledger import statements as ledger_statements
    from tallytale.ledger.batch import Op
    from tallytale.ledger.models import Account, Contribution, Transfer
    from tallytale.ledger.services import Actor
    from tallytale.programmes import services as people
    from tallytale.programmes.permissions import Actor as _Actor

    rng = random.Random(1)
    today = dt.date(2026, 1, 31)
    actor = Actor("bench")
    with transaction.atomic():
        people.create_programme("bench", "Bench")
        people.create_project("bench", "Bench", "bench")
        for p in ("e1", "e2", "e3"):
            people.add_partner(p, "bench", "earning")
        for p in ("s1", "s2", "s3"):
            people.add_partner(p, "bench", "spending")
        codes = [f"B{i:06d}" for i in range(args.members)]
        for c in codes:
            people.add_person(c, "bench", joined_on=dt.date(2025, 1, 1), actor=_Actor.cli("bench"))
    balance = dict.fromkeys(codes, 0)
    ops: list[Op] = []
    day_of: dict[str, int] = dict.fromkeys(codes, 0)
    while len(ops) < args.ops:
        c = rng.choice(codes)
        r = rng.random()
        if r < 0.55 or balance[c] < 60:
            day_of[c] += 1
            day = dt.date(2025, 1, 1) + dt.timedelta(days=day_of[c] % 390)
            m = rng.choice([60, 90, 120])
            ops.append(
                Op(
                    Kind.EARN,
                    c,
                    m,
                    f"b{len(ops)}",
                    partner=rng.choice(["e1", "e2", "e3"]),
                    day=day,
                    category="bench",
                )
            )
            balance[c] += m
        elif r < 0.9:
            ops.append(
                Op(
                    Kind.SPEND,
                    c,
                    60,
                    f"b{len(ops)}",
                    partner=rng.choice(["s1", "s2", "s3"]),
                    day=today,
                    category="leisure",
                )
            )
            balance[c] -= 60
        else:
            other = rng.choice(codes)
            if other == c:
                continue
            ops.append(Op(Kind.GIFT, c, 60, f"b{len(ops)}", to=other, day=today))
            balance[c] -= 60
            balance[other] += 60
    # earns to one day per member must stay under 24h; the generator spreads them over 390 days

    t0 = time.perf_counter()
    written = 0
    for i in range(0, len(ops), args.batch):
        written += ledger_batch.record_batch(
            ops[i : i + args.batch], actor=actor, today=today
        ).written
    service_s = time.perf_counter() - t0
    n_transfers = Transfer.objects.count()
    assert n_transfers == written
    books = ledger_statements.check_books()
    assert books["sum_of_balances"] == 0 and not books["mismatched"]

    # baseline: the same rows, raw INSERTs into identical scratch tables, same batch size
    cols_t = [f.column for f in Transfer._meta.concrete_fields]
    cols_c = [f.column for f in Contribution._meta.concrete_fields]
    rows_t = list(
        Transfer.objects.order_by("pk").values_list(
            *[f.attname for f in Transfer._meta.concrete_fields]
        )
    )
    rows_c = list(
        Contribution.objects.order_by("pk").values_list(
            *[f.attname for f in Contribution._meta.concrete_fields]
        )
    )
    with connection.cursor() as cur:
        for table in ("ledger_transfer", "ledger_contribution"):
            _clone_table(cur, connection.vendor, table, f"bench_{table}")
    sql_t = f"INSERT INTO bench_ledger_transfer ({', '.join(cols_t)}) VALUES ({', '.join(['%s'] * len(cols_t))})"
    sql_c = f"INSERT INTO bench_ledger_contribution ({', '.join(cols_c)}) VALUES ({', '.join(['%s'] * len(cols_c))})"
    per_batch_t = max(1, len(rows_t) * args.batch // len(ops))
    per_batch_c = max(1, len(rows_c) * args.batch // len(ops))
    t0 = time.perf_counter()
    for i in range(0, max(len(rows_t), 1), per_batch_t):
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(sql_t, rows_t[i : i + per_batch_t])
            j = i * per_batch_c // per_batch_t
            cur.executemany(sql_c, rows_c[j : j + per_batch_c])
    raw_s = time.perf_counter() - t0

    # the one-at-a-time API (what the web and CLI use), for reference
    t0 = time.perf_counter()
    for i in range(args.single):
        c = codes[i % len(codes)]
        ledger.spend(c, "s1", 1, key=f"single{i}", actor=actor, today=today) if Account.objects.get(
            person__code=c
        ).balance >= 60 else ledger.earn(c, "e1", 1, key=f"single{i}", actor=actor, today=today)
    single_s = time.perf_counter() - t0

    print(f"### Ledger throughput ({vendor}; {machine()})\n")
    print(
        f"{len(ops):,} operations (55% earn, 35% spend, 10% gift) among {args.members:,} members, "
        f"batches of {args.batch:,}; {n_transfers:,} transfer rows (earns at unbudgeted partners add an "
        "automatic issue) and their contributions.\n"
    )
    print("| path | seconds | transfers/s | ratio to raw INSERT |")
    print("|---|---:|---:|---:|")
    print(
        f"| raw INSERT of the same rows (baseline) | {raw_s:.2f} | {n_transfers / raw_s:,.0f} | 1.00 |"
    )
    print(
        f"| service API, batch mode (`record_batch`) | {service_s:.2f} | {n_transfers / service_s:,.0f} | "
        f"{service_s / raw_s:.2f} |"
    )
    print(
        f"| service API, one at a time ({args.single:,} ops) | {single_s:.2f} | {args.single / single_s:,.0f} ops/s | - |"
    )
    print(
        f"\npeak RSS {peak_rss_mb():.0f} MB; books balance after the run: sum of balances 0, no mismatches."
    )


if __name__ == "__main__":
    main()

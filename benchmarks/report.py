"""Benchmark: evidence report (JSON + HTML) for a large programme, against reading its rows.

Generates (in a child process, into a temp SQLite DB unless DATABASE_URL is set) a
programme of 5 projects with --participants people (default 100,000), 3 waves (SWEMWBS at
each, time-credit outcomes at waves 2 and 3), --transfers ledger transfers (default
1,000,000, through `ledger_batch.record_batch`) and --stories stories (default 100,000, with a
theme run), all bulk-inserted. Then, in a fresh process (so peak memory is the report's):

1. baseline: read the same rows the report reads (values_list, into Python lists);
2. report: `build_report(programme=..., audience="public")` + JSON + HTML rendering.

Prints seconds, the ratio report / baseline and peak RSS.
Usage: .venv/bin/python benchmarks/report.py [--participants N --transfers N --stories N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time

from _setup import machine, peak_rss_mb

PROGRAMME = "bench-programme"


def generate(args: argparse.Namespace) -> None:
    from _setup import fresh_django

    fresh_django("report")
    from django.db import transaction

    from tallytale.coding.models import ThemeAssignment, ThemeRun
    from tallytale.core.ledger import Kind
    from tallytale.demo import storygen
    from tallytale.ledger import batch as ledger_batch
    from tallytale.ledger import services as ledger
    from tallytale.ledger.models import Account
    from tallytale.programmes import services as people
    from tallytale.programmes.models import Membership, Person, Project
    from tallytale.stories.models import Story
    from tallytale.surveys import services as surveys
    from tallytale.surveys.models import Answer, Question, Response, ScaleScore

    t0 = time.perf_counter()
    rng = random.Random(1)
    today = dt.date(2025, 6, 30)
    start = today - dt.timedelta(days=365)
    slugs = [f"bench-{i}" for i in range(5)]
    people.create_programme(PROGRAMME, "Benchmark Programme")
    for s in slugs:
        people.create_project(s, s.title(), PROGRAMME)
        people.add_partner(f"{s}-garden", s, "earning")
        people.add_partner(f"{s}-library", s, "earning")
        people.add_partner(f"{s}-pool", s, "spending")
        for w, name in enumerate(("baseline", "m6", "m12")):
            surveys.create_wave(s, name, label=name, position=w)
        surveys.install_builtin("swemwbs", s)
        surveys.install_builtin("time_credit_member", s)
    projects = {p.slug: p for p in Project.objects.filter(slug__in=slugs)}
    n = args.participants
    genders = ["woman", "man", "woman", "man", "non-binary"]
    with transaction.atomic():
        persons = [
            Person(code=f"B{i:07d}", home_project=projects[slugs[i % 5]], registered_on=start,
                   gender=genders[i % 5], area=rng.choice(["n", "s", "e", "w"]))
            for i in range(n)
        ]  # fmt: skip
        Person.objects.bulk_create(persons, batch_size=5000)
        pid = dict(Person.objects.values_list("code", "id"))
        Membership.objects.bulk_create(
            [Membership(person_id=pid[p.code], project=p.home_project, role="participant",
                        joined_on=start) for p in persons], batch_size=5000,
        )  # fmt: skip
        Account.objects.bulk_create(
            [Account(person_id=pid[p.code], owner="person", project=p.home_project, min_balance=0)
             for p in persons], batch_size=5000,
        )  # fmt: skip
    print(f"people: {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    inst_of = {
        (p, f): i
        for i, p, f in __import__(
            "tallytale.surveys.models", fromlist=["Instrument"]
        ).Instrument.objects.values_list("id", "project__slug", "form_id")
    }
    from tallytale.surveys.models import Wave

    waves = {(p, w): i for i, p, w in Wave.objects.values_list("id", "project__slug", "name")}
    tc_items = [
        "tc_quality_of_life",
        "tc_healthier",
        "tc_doctor_less",
        "tc_new_friends",
        "tc_contribute",
    ]
    with transaction.atomic():
        for w_i, wave in enumerate(("baseline", "m6", "m12")):
            resp, scores = [], []
            tc_resp, tc_vals = [], []
            for i, p in enumerate(persons):
                if w_i and rng.random() < 0.15 * w_i:
                    continue
                slug = slugs[i % 5]
                raw = min(35, max(7, 17 + (i % 9) + w_i * rng.randint(-1, 3)))
                r = Response(instrument_id=inst_of[(slug, "swemwbs")], project=projects[slug],
                             wave_id=waves[(slug, wave)], person_id=pid[p.code],
                             submission_id=f"sw-{wave}-{i}", data={}, scores={})  # fmt: skip
                resp.append(r)
                scores.append(raw)
                if w_i:
                    tc_resp.append(
                        Response(instrument_id=inst_of[(slug, "time_credit_member")],
                                 project=projects[slug], wave_id=waves[(slug, wave)],
                                 person_id=pid[p.code], submission_id=f"tc-{wave}-{i}", data={},
                                 scores={})
                    )  # fmt: skip
                    tc_vals.append([str(rng.choice([2, 3, 4, 4, 5])) for _ in tc_items])
            Response.objects.bulk_create(resp + tc_resp, batch_size=5000)
            from tallytale.core.scales import swemwbs_table

            table = swemwbs_table()
            ScaleScore.objects.bulk_create(
                [ScaleScore(response_id=r.pk, scale="swemwbs", value=table[v], raw=v)
                 for r, v in zip(resp, scores)], batch_size=5000,
            )  # fmt: skip
            qid_by_inst = {
                (inst, name): qid
                for qid, inst, name in Question.objects.values_list("id", "instrument_id", "name")
            }
            answers = [
                Answer(response_id=r.pk, question_id=qid_by_inst[(r.instrument_id, item)],
                       value_text=v, value_number=float(v))
                for r, vals in zip(tc_resp, tc_vals) for item, v in zip(tc_items, vals)
            ]  # fmt: skip
            Answer.objects.bulk_create(answers, batch_size=10000)
    print(f"surveys: {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    corpus = storygen.generate_corpus(args.stories, seed=2)
    consents = ["public", "public", "project", "research_team"]
    codes = [p.code for p in persons]
    with transaction.atomic():
        objs = []
        for j, g in enumerate(corpus):
            teller = pid[codes[rng.randrange(n)]]
            slug = slugs[j % 5]
            objs.append(Story(project=projects[slug], text=g.text, text_redacted=g.text,
                              language=g.language, teller_id=teller, consent_level=consents[j % 4],
                              medium=["text", "text", "audio", "video"][j % 4]))  # fmt: skip
        Story.objects.bulk_create(objs, batch_size=5000)
        for slug in slugs:
            run = ThemeRun.objects.create(
                project=projects[slug], method="lexical", k=len(storygen.THEMES),
                themes=[{"id": i, "label": t.replace("_", " ")} for i, t in enumerate(storygen.THEMES)],
                created_by_label="bench",
            )  # fmt: skip
            ThemeAssignment.objects.bulk_create(
                [ThemeAssignment(run=run, story_id=o.pk, theme_id=storygen.THEMES.index(g.theme),
                                 confidence=1.0)
                 for o, g in zip(objs, corpus) if o.project_id == projects[slug].pk],
                batch_size=10000,
            )  # fmt: skip
    print(f"stories: {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    ops = []
    per = max(1, args.transfers // n)
    for i in range(n):
        code, slug = codes[i], slugs[i % 5]
        for k in range(per):
            day = start + dt.timedelta(days=(i + k * 37) % 360)
            if k % 3 == 2:
                ops.append(ledger_batch.Op(Kind.SPEND, code, 60, f"s{i}-{k}", partner=f"{slug}-pool",
                                     day=today))  # fmt: skip
            else:
                ops.append(ledger_batch.Op(Kind.EARN, code, 60, f"e{i}-{k}", partner=f"{slug}-garden",
                                     day=day))  # fmt: skip
    ops.sort(key=lambda o: (o.day, o.key))
    actor = ledger.Actor("bench")
    written = 0
    for i in range(0, len(ops), 20000):
        written += ledger_batch.record_batch(ops[i : i + 20000], actor=actor, today=today).written
    print(f"ledger ({written} ops): {time.perf_counter() - t0:.1f}s", file=sys.stderr)


def baseline_read() -> tuple[float, float]:
    """Read every row the report reads, with the same filters, into Python lists: the
    participants (with their attributes), every time-credit answer and SWEMWBS score with
    its person and wave, response counts per wave, every live story with its texts and the
    audience's visible story ids, the distinct ids of everyone who earned (contributions)
    or spent (spend transfers) in the ledger, and the theme assignments. The ledger's
    1,000,000 transfers are not read row by row by the report either: it reads monthly
    SUM/COUNT(DISTINCT) aggregates and distinct (person, partner) pairs; the baseline keeps
    the distinct-person reads (about the same number of rows) and not the aggregates.

    Returns (wall seconds, CPU seconds of this process)."""
    from django.db.models import Count

    from tallytale.ledger.models import Contribution, Transfer
    from tallytale.programmes.models import Membership, Project
    from tallytale.stories.access import visible_stories
    from tallytale.stories.models import Story
    from tallytale.surveys.models import Answer, Response, ScaleScore

    projects = list(Project.objects.filter(programme__slug=PROGRAMME))
    t0 = time.perf_counter()
    c0 = time.process_time()
    pids = [p.pk for p in projects]
    list(Membership.objects.filter(project_id__in=pids, role="participant").values_list(
        "person_id", "project_id", "person__gender", "person__age_band", "person__area",
        "person__first_language"))  # fmt: skip
    list(Answer.objects.filter(question__instrument__project_id__in=pids,
                               question__name__startswith="tc_", response__wave__isnull=False)
         .values_list("response_id", "response__person_id", "response__wave_id", "question_id",
                      "value_text", "value_number"))  # fmt: skip
    list(ScaleScore.objects.filter(response__project_id__in=pids, scale="swemwbs").values_list(
        "response_id", "response__person_id", "response__wave_id", "value"))  # fmt: skip
    list(
        Response.objects.filter(project_id__in=pids).values_list("wave_id").annotate(n=Count("id"))
    )
    list(Story.objects.filter(project_id__in=pids, withdrawn_at__isnull=True).values_list(
        "id", "teller_id", "project_id", "language", "medium", "consent_level", "text_redacted",
        "transcript_redacted", "translation_redacted"))  # fmt: skip
    for p in projects:
        list(visible_stories("public", p).values_list("id", flat=True))
    c = Contribution.objects.filter(
        partner__project_id__in=pids, transfer__reversed_by__isnull=True
    )
    list(c.values_list("person_id", flat=True).distinct())
    list(Transfer.objects.filter(kind="spend", debit__project_id__in=pids).values_list(
        "debit__person_id", flat=True).distinct())  # fmt: skip
    from tallytale.coding.models import ThemeAssignment

    list(
        ThemeAssignment.objects.filter(run__project_id__in=pids).values_list("story_id", "theme_id")
    )
    return time.perf_counter() - t0, time.process_time() - c0


def measure() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")
    import django

    django.setup()
    from tallytale.evidence import render, services

    base, base_cpu = baseline_read()
    t0 = time.perf_counter()
    c0 = time.process_time()
    report = services.build_report(programme=PROGRAMME, audience="public")
    t_build = time.perf_counter() - t0
    js = render.render_json(report)
    html = render.render_html(report)
    total = time.perf_counter() - t0
    total_cpu = time.process_time() - c0
    load = os.getloadavg()[0]
    print(f"### Evidence report ({machine()}, load average {load:.1f})\n")
    print("| step | seconds | CPU seconds |\n|---|---:|---:|")
    print(f"| baseline: read the same rows (full rows, see baseline_read) | {base:.2f} | "
          f"{base_cpu:.2f} |")  # fmt: skip
    print(f"| build report model | {t_build:.2f} | |")
    print(f"| report JSON + HTML total | {total:.2f} | {total_cpu:.2f} |")
    print(f"\nratio report / baseline: {total / base:.2f}x (CPU {total_cpu / base_cpu:.2f}x); "
          f"peak RSS {peak_rss_mb():.0f} MB; "
          f"{len(report['claims'])} claims, {len(report['stories'])} stories, "
          f"JSON {len(js) / 1e6:.1f} MB, HTML {len(html) / 1e6:.1f} MB, "
          f"rule ok: {report['rule_check']['ok']}")  # fmt: skip
    ok = total < 15 and total / base <= 3 and peak_rss_mb() < 2048
    print("PASS" if ok else "FAIL (targets: < 15 s, <= 3x baseline, < 2 GB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--transfers", type=int, default=1_000_000)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--phase", choices=["all", "generate", "measure"], default="all")
    args = parser.parse_args()
    if args.phase == "generate":
        generate(args)
        return
    if args.phase == "measure":
        measure()
        return
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix="tallytale-bench-report-")
        os.environ["TALLYTALE_DATA_DIR"] = tmp
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    here = os.path.abspath(__file__)
    # the generated database stays on disk: re-measure with
    # DATABASE_URL=<this> .venv/bin/python benchmarks/report.py --phase measure
    print(f"database: {os.environ['DATABASE_URL']}", file=sys.stderr)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, here, "--phase", "generate", "--participants",
                    str(args.participants), "--transfers", str(args.transfers), "--stories",
                    str(args.stories)], check=True)  # fmt: skip
    print(f"generated in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    subprocess.run([sys.executable, here, "--phase", "measure"], check=True)


if __name__ == "__main__":
    main()

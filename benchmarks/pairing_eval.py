"""Evaluation: do the quotes beside each figure fit it? A labelled check of story pairing.

Ground truth comes from the demo generator, which links numbers to stories on purpose
(`tallytale.demo.storygen.OUTCOME_THEMES`): members who made new friends tell friendship
stories more often, and so on. Each demo story's teller also chose what it is about (the
"about" signifier, set from the generated theme: `tallytale.demo.stories.ABOUT`). A pick is
**on-topic** when the story's "about" answer names a theme linked to the claim's outcome
(`RELEVANT` below, read off the generator's links); for a contrasting story, "Things that
got in the way" also counts (a contrasting voice may say why it did not help).

Outcome and ledger claims only: theme and signifier claims pick their stories by
definition. For every demo project it reports, per role, the share of picks on-topic, and
for the report as a whole: how many key figures share a quote, the most times one story is
shown, and front-page quotes below the minimum length or more than a third masked.

`--judged FILE` also scores the hand-judged claim/story pairs in FILE (JSON list of
{"claim", "story", "judged_on_topic"}) against the automatic label: their agreement.
`--dump N` prints N pairs (seeded) to judge by hand.

Usage (a demo database; builds one in a temp SQLite file unless --reuse):
    .venv/bin/python benchmarks/pairing_eval.py [--reuse] [--judged benchmarks/pairing_judged.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from _setup import ROOT, machine

# claim outcome -> the "about" options the demo generator links to it
# (OUTCOME_THEMES through ABOUT; GP visits: physical health and services; quality of life,
# wellbeing: the themes of feeling better)
RELEVANT: dict[str, set[str]] = {
    "tc_new_friends": {"Friends and belonging"},
    "tc_healthier": {"Physical health"},
    "tc_doctor_less": {"Physical health", "Getting help from services"},
    "tc_contribute": {"Giving back"},
    "tc_quality_of_life": {
        "Friends and belonging", "Mental health and confidence", "Physical health", "Family",
    },
    "swemwbs": {"Mental health and confidence", "Learning something new"},
    "ons4_life": {"Mental health and confidence", "Friends and belonging", "Family"},
    "ons4_worthwhile": {"Giving back", "Learning something new"},
    "ons4_happy": {"Mental health and confidence", "Friends and belonging"},
    "ons4_anxious": {"Mental health and confidence"},
    "ledger": {"Giving back", "Money"},
}  # fmt: skip
CONTRAST_ALSO = {"Things that got in the way"}
PROJECTS = (
    "cwm-time-credits", "deaf-peer-support", "lunch-club", "sanctuary-researchers", "youth-voice",
)  # fmt: skip


def outcome_of(claim: dict) -> str | None:
    section = claim["section"]
    if section == "ledger":
        return "ledger"
    if section.startswith("outcome:"):
        return section.split(":", 1)[1]
    return None


def ensure_demo(reuse: bool) -> None:
    if reuse and os.environ.get("DATABASE_URL"):
        return
    tmp = tempfile.mkdtemp(prefix="tallytale-bench-pairing-")
    os.environ["TALLYTALE_DATA_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run(
        [sys.executable, "-c", "import sys; from tallytale.cli import main; sys.exit(main())",
         "demo", "--no-serve", "--no-reports", "--today", "2026-06-30"],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def evaluate(audience: str) -> tuple[dict, list[dict]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")
    import django

    django.setup()
    from tallytale.evidence import render, services
    from tallytale.stories.models import SignifierAnswer

    about: dict[int, set[str]] = {}
    for sid, value in SignifierAnswer.objects.filter(signifier__name="about").values_list(
        "story_id", "value"
    ):
        about[sid] = set(value if isinstance(value, list) else [value])
    tally = {role: Counter() for role in ("supporting", "contrasting")}
    main = {role: Counter() for role in ("supporting", "contrasting")}
    heads = {role: Counter() for role in ("supporting", "contrasting")}
    pairs: list[dict] = []
    per_report = []
    for slug in PROJECTS:
        r = services.build_report(project=slug, audience=audience)
        stories = {s["id"]: s for s in r["stories"]}
        uses = Counter(s["id"] for c in r["claims"] for s in c["stories"])
        for c in r["claims"]:
            outcome = outcome_of(c)
            if outcome is None or outcome not in RELEVANT:
                continue
            for s in c["stories"]:
                wanted = RELEVANT[outcome] | (
                    CONTRAST_ALSO if s["role"] == "contrasting" else set()
                )
                on = bool(about.get(s["id"], set()) & wanted)
                tally[s["role"]]["on" if on else "off"] += 1
                if not c["population"].get("subgroup") and c["kind"] != "difference":
                    main[s["role"]]["on" if on else "off"] += 1
                if c["headline"]:
                    heads[s["role"]]["on" if on else "off"] += 1
                pairs.append({
                    "project": slug, "claim": c["label"], "outcome": outcome, "role": s["role"],
                    "story_id": s["id"], "story": stories[s["id"]]["excerpt"],
                    "about": sorted(about.get(s["id"], set())), "auto_on_topic": on,
                })  # fmt: skip
        vm = render._view_model(r)
        if "front" in vm:
            key = vm["front"]["key"]
            texts = [k["quote_text"] for k in key if k["quote"]]
        else:  # the report before it had a front page: its "key figures" cards
            key = vm["headline"]
            texts = [k["quote"]["excerpt"] for k in key if k["quote"]]
        quotes = [k["quote"]["id"] for k in key if k["quote"]]
        per_report.append({
            "project": slug,
            "key_figures": len(key),
            "key_figures_sharing_a_quote": len(quotes) - len(set(quotes)),
            "max_uses_of_one_story": max(uses.values()) if uses else 0,
            "front_quotes_short_or_masked": sum(1 for t in texts if _thin(t)),
        })  # fmt: skip
    shares = {
        f"{role}{label}": {
            "picks": t["on"] + t["off"],
            "on_topic": round(t["on"] / (t["on"] + t["off"]), 3) if t["on"] + t["off"] else None,
        }
        for label, source in (
            ("", tally),
            (" (whole-population figures)", main),
            (" (headline figures)", heads),
        )  # fmt: skip
        for role, t in source.items()
    }
    return {"roles": shares, "reports": per_report}, pairs


_MASK = re.compile(r"\[[^\]]{1,20}\]")


def _thin(text: str) -> bool:
    """Below the front page's bar: fewer than 8 words, or more than a third masked."""
    words = text.split()
    masked = len(_MASK.findall(text))
    return len(words) < 8 or masked * 3 > len(words)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reuse", action="store_true", help="use DATABASE_URL's demo as it is")
    ap.add_argument("--audience", default="project")
    ap.add_argument("--judged", help="hand-judged pairs (JSON) to score the labels against")
    ap.add_argument("--dump", type=int, default=0, help="print N pairs (seeded) to judge")
    ap.add_argument("--out", help="write the picks (JSON) here")
    args = ap.parse_args()
    t0 = time.perf_counter()
    ensure_demo(args.reuse)
    result, pairs = evaluate(args.audience)
    if args.out:
        Path(args.out).write_text(json.dumps(pairs, ensure_ascii=False, indent=1))
    if args.dump:
        for p in random.Random(5).sample(pairs, min(args.dump, len(pairs))):
            print(
                json.dumps(
                    {k: p[k] for k in ("claim", "role", "story", "about")}, ensure_ascii=False
                )
            )
        return
    print(f"### Pairing on the demo ({machine()}; audience {args.audience})\n")
    print("| role | picks | on-topic |")
    print("|---|---:|---:|")
    for role, v in result["roles"].items():
        print(f"| {role} | {v['picks']} | {100 * (v['on_topic'] or 0):.1f}% |")
    print(
        "\n| project | key figures | sharing a quote | most uses of one story | thin front quotes |"
    )
    print("|---|---:|---:|---:|---:|")
    for r in result["reports"]:
        print(f"| {r['project']} | {r['key_figures']} | {r['key_figures_sharing_a_quote']} | "
              f"{r['max_uses_of_one_story']} | {r['front_quotes_short_or_masked']} |")  # fmt: skip
    if args.judged:
        judged = json.loads(Path(args.judged).read_text())
        agree = sum(1 for j in judged if j["judged_on_topic"] == j["auto_on_topic"])
        by_run: dict[str, Counter] = {}
        for j in judged:
            by_run.setdefault(j["run"], Counter())["on" if j["judged_on_topic"] else "off"] += 1
        print(f"\nHand-judged pairs: {len(judged)}; automatic label agrees on {agree} "
              f"({100 * agree / len(judged):.0f}%).")  # fmt: skip
        for run, t in sorted(by_run.items()):
            print(f"- {run}: {t['on']} of {t['on'] + t['off']} judged on-topic")
    print(f"\n({time.perf_counter() - t0:.0f} s wall clock)")


if __name__ == "__main__":
    main()

"""Benchmark PII redaction: quality over the labelled test set, and speed on generated stories.

Run from the repository root:

    .venv/bin/python benchmarks/redaction.py [--stories 2000] [--seed 7]

Prints markdown: precision/recall/F1 per type over tests/core/redaction_testset.py, then
throughput in stories per second over generated stories of 100-300 words, next to two
baselines run on the same texts in the same process, and the peak memory.

Why baselines: absolute stories/second depends on the machine; the ratio to something
trivially cheap (lower-casing every story; one e-mail regex pass) says how much of the cost
is ours and stays comparable between runs on different machines.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.core.redaction_testset import TYPES, evaluate, examples  # noqa: E402

from tallytale.core.redact import find_spans, name_lexicon_size, redact  # noqa: E402

TARGET_STORIES_PER_SECOND = 200

FILLER = [
    "The group met in the community hall on a wet Tuesday morning.",
    "We made tea and talked about the week and what had been hard.",
    "I did not know anyone when I first came, and my English was not good.",
    "The volunteers helped me with the bus timetable and the forms.",
    "Now I come every week and I help to set up the chairs.",
    "Some weeks I feel tired and low, but the walk by the river helps.",
    "We planted potatoes, onions and beans in the allotment.",
    "The children played football while the parents cooked together.",
    "It was the first time in months that I laughed so much.",
    "I earned four time credits and spent two of them at the swimming pool.",
    "The council said the repairs would be done, but nothing happened.",
    "My doctor told me to rest, so I missed two sessions.",
    "We talked about money, housing and how to keep warm this winter.",
    "Grace before meals is a tradition in our house, and hope keeps us going.",
    "In May we will go to the seaside if the weather is kind.",
    "Swansea beat Cardiff on Saturday, and the whole room cheered.",
    "The Home Office letter took 14 weeks to arrive.",
    "We raised £450 at the cake sale for the food bank.",
    "Rydyn ni'n cwrdd bob dydd Llun yn y neuadd.",
    "Roedd y daith gerdded yn hyfryd ac roedd pawb yn hapus.",
    "ذهبنا إلى الحديقة مع الأطفال وكان الجو جميلاً.",
    "The interpreter explained everything in Tigrinya and Arabic.",
    "I am Deaf, and the BSL sessions mean I can finally join in.",
    "Three of us went to the library to print the CVs.",
    "My back hurts in the cold, but the group makes it easier to get out.",
    "We shared recipes from Syria, Eritrea, Poland and Wales.",
    "At the end of the session we wrote down one good thing each.",
    "The bus was late again, so we started at 10.45 instead of 10.30.",
    "Some people were nervous about speaking, and that was fine.",
    "Next month we want to try a singing group and a sewing class.",
]


def generate_stories(count: int, seed: int) -> list[str]:
    """Stories of 100-300 words: programme filler mixed with sentences from the test set."""
    rng = random.Random(seed)
    pii = [ex.text for ex in examples() if ex.spans]
    stories = []
    for _ in range(count):
        target = rng.randint(100, 300)
        words = 0
        parts: list[str] = []
        while words < target:
            sentence = rng.choice(pii) if rng.random() < 0.25 else rng.choice(FILLER)
            parts.append(sentence)
            words += len(sentence.split())
        stories.append(" ".join(parts))
    return stories


def timed(fn: Callable[[str], object], texts: list[str], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` passes of ``fn`` over all texts (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - started)
    return best


EMAIL_BASELINE_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    tracemalloc.start()
    started = time.perf_counter()
    find_spans("warm up: load the name lists once")
    load_seconds = time.perf_counter() - started
    lists_bytes, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    data = examples()
    scores = evaluate(find_spans)
    print("## Redaction quality over the labelled test set\n")
    n_names = scores["NAME"].gold
    print(
        f"{len(data)} sentences ({sum(1 for e in data if not e.spans)} with no personal data), "
        f"{sum(len(e.spans) for e in data)} labelled spans; {scores['NAME_OOV'].gold} of "
        f"{n_names} names are not in the shipped lists ({name_lexicon_size()} name keys).\n"
    )
    print(
        "| type | gold | found | predicted | precision | recall | F1 | exact boundaries "
        "| masked (any type) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind in TYPES:
        s = scores[kind]
        print(
            f"| {kind} | {s.gold} | {s.found} | {s.predicted} | {s.precision:.3f} | "
            f"{s.recall:.3f} | {s.f1:.3f} | {s.exact_rate:.3f} | {s.masked_recall:.3f} |"
        )
    oov = scores["NAME_OOV"]
    print(
        f"| NAME (not in lists) | {oov.gold} | {oov.found} | - | - | {oov.recall:.3f} | - | "
        f"{oov.exact_rate:.3f} | {oov.masked_recall:.3f} |"
    )
    total_gold = sum(scores[k].gold for k in TYPES)
    total_found = sum(scores[k].found for k in TYPES)
    total_pred = sum(scores[k].predicted for k in TYPES)
    total_correct = sum(scores[k].correct for k in TYPES)
    p = total_correct / total_pred if total_pred else 1.0
    r = total_found / total_gold if total_gold else 1.0
    print(
        f"| **all** | {total_gold} | {total_found} | {total_pred} | {p:.3f} | {r:.3f} | "
        f"{2 * p * r / (p + r):.3f} | - | - |"
    )

    stories = generate_stories(args.stories, args.seed)
    n_words = sum(len(s.split()) for s in stories)
    n_chars = sum(len(s) for s in stories)
    ours = timed(lambda t: redact(t, "en"), stories)
    lower = timed(str.lower, stories)
    email = timed(lambda t: list(EMAIL_BASELINE_RE.finditer(t)), stories)

    tracemalloc.start()
    for story in stories:
        redact(story, "en")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    big = ("My friend Siân Pritchard rang 07700 900123 from CF10 1AA. " * 1700)[:100_000]
    started = time.perf_counter()
    redact(big)
    big_seconds = time.perf_counter() - started
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rate = len(stories) / ours
    print("\n## Throughput\n")
    print(
        f"{len(stories)} generated stories, {n_words / len(stories):.0f} words "
        f"({n_chars / len(stories):.0f} characters) on average; best of 3 passes.\n"
    )
    print("| pass over the same stories | seconds | stories/s | redact() time / this time |")
    print("|---|---:|---:|---:|")
    print(f"| `redact(text, 'en')` (all detectors) | {ours:.3f} | {rate:,.0f} | 1 |")
    print(
        f"| baseline A: one e-mail regex `finditer` | {email:.4f} | {len(stories) / email:,.0f} "
        f"| {ours / email:,.0f} |"
    )
    print(
        f"| baseline B: `str.lower()` | {lower:.4f} | {len(stories) / lower:,.0f} "
        f"| {ours / lower:,.0f} |"
    )
    verdict = "met" if rate >= TARGET_STORIES_PER_SECOND else "NOT met"
    print(f"\nTarget >= {TARGET_STORIES_PER_SECOND} stories/s: **{verdict}** ({rate:,.0f}/s).")
    print(f"\nOne 100,000-character text: {big_seconds:.2f} s.")
    print(
        f"Loading the word lists (first call): {load_seconds * 1000:.0f} ms, "
        f"{lists_bytes / 1024 / 1024:.1f} MiB held."
    )
    print(
        f"Peak memory allocated during a pass over all stories (lists already loaded): "
        f"{peak / 1024 / 1024:.1f} MiB; process peak RSS: {rss_mib:.0f} MiB."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Name-masking precision on real text: HappyDB's public sample of happy moments.

Run from the repository root, with the corpus fetched first (it is not shipped):

    curl -sLo /tmp/hm_sample.txt https://raw.githubusercontent.com/megagonlabs/HappyDB/b9e529e1e639db96871b6fa3250bf8664ba1ff85/docs/hm_sample.txt
    .venv/bin/python benchmarks/redaction_real.py [/tmp/hm_sample.txt]

Why: the labelled test set (benchmarks/redaction.py) is written by us, so it under-counts
what real writers do: name shows, books, brands and places in capitals, or SHOUT. Every
NAME span the redactor produced on this sample (before and after the title rules) is
labelled by hand in benchmarks/data/happydb_sample_name_labels.tsv (`person`, or `other`:
a title, brand, place, family word or ordinary word). Precision = person / all spans.
Recall cannot be read from these labels (names the redactor never marked are unlabelled);
the labelled test set measures it.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tallytale.core.redact import find_spans  # noqa: E402

LABELS = ROOT / "benchmarks" / "data" / "happydb_sample_name_labels.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus",
        type=Path,
        nargs="?",
        default=Path("/tmp/hm_sample.txt"),
        help="HappyDB docs/hm_sample.txt (default /tmp/hm_sample.txt)",
    )
    args = parser.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"{args.corpus}: fetch HappyDB's sample first (see this script's docstring)")
    with LABELS.open(encoding="utf-8", newline="") as f:
        labels = {
            (int(r["line"]), r["span"]): r["label"] for r in csv.DictReader(f, delimiter="\t")
        }
    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    counts = {"person": 0, "other": 0, "unlabelled": 0}
    masked_moments = 0
    others: list[str] = []
    for n, text in enumerate(lines, start=1):
        spans = [s for s in find_spans(text, "en") if str(s.type).endswith("NAME")]
        masked_moments += bool(spans)
        for s in spans:
            label = labels.get((n, text[s.start : s.end]), "unlabelled")
            counts[label] += 1
            if label != "person":
                others.append(f"{n}: {text[s.start : s.end]!r} ({label})")
    total = sum(counts.values())
    people = sum(1 for v in labels.values() if v == "person")
    moments = sum(1 for line in lines if line.strip())
    print(f"{moments} moments; {masked_moments} with a [NAME] mask; {total} NAME spans")
    print()
    print("| spans | person | other | unlabelled | precision | labelled people still masked |")
    print("|---:|---:|---:|---:|---:|---:|")
    precision = counts["person"] / total if total else 1.0
    print(
        f"| {total} | {counts['person']} | {counts['other']} | {counts['unlabelled']} "
        f"| {precision:.3f} | {counts['person']}/{people} |"
    )
    print()
    print("Spans that are not people (or not labelled):", "; ".join(others) or "none")
    print()
    print(
        "The title, brand, shouting and family-word rules were written while reading this "
        "sample, so its precision is an optimistic, in-sample figure; the labelled test set "
        "(`redaction`) is the check that recall did not drop."
    )


if __name__ == "__main__":
    main()

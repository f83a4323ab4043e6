"""The demo story generator: deterministic, varied, multilingual, labelled."""

from __future__ import annotations

import re
import time
from collections import Counter
from random import Random

import pytest

from tallytale.demo import storygen
from tallytale.demo.storygen import (
    THEMES,
    GeneratedStory,
    generate_corpus,
    generate_story,
    weights_for_outcomes,
)

ARABIC = re.compile("[\u0600-\u06ff]")
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def sentences(text: str) -> int:
    return len(SENTENCE_END.findall(text))


def test_same_seed_same_corpus_and_different_seed_differs() -> None:
    a = generate_corpus(500, seed=3, length="mixed", pii_rate=0.1)
    b = generate_corpus(500, seed=3, length="mixed", pii_rate=0.1)
    c = generate_corpus(500, seed=4, length="mixed", pii_rate=0.1)
    assert a == b
    assert [s.text for s in a] != [s.text for s in c]


def test_generate_story_is_deterministic_given_the_rng() -> None:
    one = [generate_story(Random(9), length="medium") for _ in range(3)]
    assert one[0] == one[1] == one[2]
    assert isinstance(one[0], GeneratedStory)


def test_language_mix_follows_the_weights() -> None:
    corpus = generate_corpus(4000, seed=1)
    share = Counter(s.language for s in corpus)
    assert abs(share["en"] / 4000 - 0.85) < 0.03
    assert abs(share["cy"] / 4000 - 0.10) < 0.02
    assert abs(share["ar"] / 4000 - 0.05) < 0.015
    for s in corpus:
        if s.language == "ar":
            assert ARABIC.search(s.text)
        else:
            assert not ARABIC.search(s.text)
    welsh = [s.text for s in corpus if s.language == "cy"]
    marker = re.compile(r"\b(yn|mae|dw|wedi|ac|y|yr|fy|nhw|am|gyda|iawn|yw|i|ni)\b|'[nr]\b")
    assert all(marker.search(t) for t in welsh)
    assert {s.language for s in generate_corpus(50, seed=1, languages={"cy": 1})} == {"cy"}


def test_lengths_short_and_medium() -> None:
    short = generate_corpus(600, seed=2, length="short")
    medium = generate_corpus(600, seed=2, length="medium")
    assert all(1 <= sentences(s.text) <= 3 for s in short)
    assert all(4 <= sentences(s.text) <= 8 for s in medium)
    assert {sentences(s.text) for s in short} == {1, 2, 3}
    assert sum(len(s.text) for s in medium) > 2 * sum(len(s.text) for s in short)


def test_every_theme_occurs_with_labels_and_sentiment() -> None:
    corpus = generate_corpus(3000, seed=5)
    assert {s.theme for s in corpus} == set(THEMES)
    assert all(s.title and s.group for s in corpus)
    for s in corpus:
        assert s.secondary_theme != s.theme
        if s.theme == "negative":
            assert s.sentiment == "negative"
        elif s.theme == "barriers" or s.secondary_theme in ("barriers", "negative"):
            assert s.sentiment == "mixed"
        else:
            assert s.sentiment == "positive"


def test_stories_of_one_theme_vary_and_themes_share_words() -> None:
    rng = Random(0)
    friendship = [generate_story(rng, theme="friendship").text for _ in range(300)]
    assert len(set(friendship)) > 250
    corpus = generate_corpus(3000, seed=6, languages={"en": 1})
    themes_with = {w: set() for w in ("group", "help", "people", "feel")}
    for s in corpus:
        for w in themes_with:
            if re.search(rf"\b{w}", s.text, re.IGNORECASE):
                themes_with[w].add(s.theme)
    assert all(len(t) >= 5 for t in themes_with.values()), themes_with
    assert storygen.fragment_count() >= 300


def test_theme_weights_bias_the_choice() -> None:
    biased = generate_corpus(2000, seed=7, theme_weights={"friendship": 10.0, "negative": 0})
    share = Counter(s.theme for s in biased)
    assert share["friendship"] / 2000 > 0.4
    assert share["negative"] == 0
    weights = weights_for_outcomes({"made_new_friends": True, "feel_safer": False})
    assert weights["friendship"] == pytest.approx(4 * storygen.DEFAULT_THEME_WEIGHTS["friendship"])
    assert weights["safety"] == storygen.DEFAULT_THEME_WEIGHTS["safety"]
    assert generate_story(Random(1), theme="money").theme == "money"


def test_personal_data_is_planted_only_when_asked() -> None:
    with_pii = generate_corpus(300, seed=8, pii_rate=1.0, languages={"en": 1, "cy": 1, "ar": 1})
    assert all(s.pii for s in with_pii)
    for s in with_pii:
        for value in s.pii:
            assert value in s.text
    found = " ".join(v for s in with_pii for v in s.pii)
    assert re.search(r"\b07700 900\d{3}\b", found)
    assert re.search(r"[\w.]+@example\.(com|org|net)", found)
    assert re.search(r"\b[A-Z]{2}\d{1,2} \d[A-Z]{2}\b", found)
    assert not any(s.pii for s in generate_corpus(300, seed=8))


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        generate_story(Random(0), language="fr")
    with pytest.raises(ValueError, match="theme"):
        generate_story(Random(0), theme="weather")
    with pytest.raises(ValueError, match="length"):
        generate_story(Random(0), length="long")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown themes"):
        generate_corpus(5, theme_weights={"weather": 1.0})


def test_fast_enough_for_large_corpora() -> None:
    start = time.perf_counter()
    corpus = generate_corpus(20000, seed=0)
    assert len(corpus) == 20000
    assert time.perf_counter() - start < 5.0  # ~0.15 s on an idle 2-core machine

"""The lexical method's one-giant-theme failure: on real short stories it put 53% of a
labelled public corpus (and 54% of HappyDB's sample at k=5) into one theme."""

from __future__ import annotations

import random

from tallytale.core.themes import discover_themes

GENERIC = "good nice great happy lovely fun day today yesterday morning evening time really very felt made went got".split()
TOPICS = [
    "garden plants vegetables soil seeds allotment tomatoes watering".split(),
    "choir singing songs rehearsal concert voices harmony music".split(),
    "cafe coffee cake volunteers serving kitchen tea baking".split(),
    "walking hills path river dog countryside boots trail".split(),
]


def _corpus() -> list[str]:
    """Three in five stories share only everyday words, as many real short stories do."""
    rng = random.Random(3)
    texts = []
    for i in range(600):
        if i % 5 < 3:
            texts.append(" ".join(rng.sample(GENERIC, 5)))
        else:
            texts.append(" ".join(rng.sample(rng.choice(TOPICS), 4) + rng.sample(GENERIC, 2)))
    return texts


def test_auto_k_splits_a_theme_holding_most_stories():
    texts = _corpus()
    r = discover_themes(texts, list(range(len(texts))), auto=True)
    largest = max(t.size for t in r.themes) / len(texts)
    assert largest <= 0.34, [t.size for t in r.themes]
    assert "oversized theme(s) split: the largest held 60%" in r.reason
    assert sum(t.size for t in r.themes) == len(texts) == len(r.assignments)


def test_a_given_k_is_kept_and_the_oversized_theme_named():
    texts = _corpus()
    r = discover_themes(texts, list(range(len(texts))), k=5)
    assert r.k == 5 and "one theme holds 60% of the stories" in r.reason

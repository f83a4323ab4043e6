"""Pairing rules: supporting from the numerator, contrasting from the rest, diversity."""

import numpy as np
import pytest
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from tallytale.core import claims as cl
from tallytale.core.disclosure import NHS_DIGITAL, ThresholdRule
from tallytale.core.pairing import (
    NO_STORY_GAP,
    ClaimPeople,
    StoryCandidate,
    StoryPool,
    check_rule,
    content_words,
    pair_stories,
)


def _pool(claim_words="friends"):
    stories = [
        StoryCandidate(
            1, 10, "I made new friends at the garden", "woman", frozenset({"friendship"})
        ),
        StoryCandidate(2, 10, "More friends, more friends", "woman", frozenset({"friendship"})),
        StoryCandidate(3, 11, "The garden gave me friends", "man", frozenset({"friendship"})),
        StoryCandidate(
            4, 12, "Nothing changed for me, still lonely", "woman", frozenset({"negative"})
        ),
        StoryCandidate(5, 13, "I made friends and learned to cook", "woman", frozenset({"skills"})),
        StoryCandidate(6, None, "Anonymous story about friends", "", frozenset()),
    ]
    return StoryPool.build(stories, content_words(claim_words))


def test_supporting_from_numerator_contrasting_from_rest():
    claim = ClaimPeople(
        "c",
        "I have made new friends",
        frozenset({10, 11, 13}),
        frozenset({12}),
        frozenset({"friendship"}),
    )
    pairing = pair_stories([claim], _pool("made new friends"), supporting=2)["c"]
    roles = {p.story_id: p.role for p in pairing.stories}
    support = [p for p in pairing.stories if p.role == "supporting"]
    assert {p.teller for p in support} <= {10, 11, 13}
    assert [p.story_id for p in pairing.stories if p.role == "contrasting"] == [4]
    # one teller never twice beside one claim; anonymous stories belong to nobody's group
    assert len({p.teller for p in pairing.stories}) == len(pairing.stories)
    assert 6 not in roles
    assert pairing.gap is None


def test_diversifies_subgroups():
    claim = ClaimPeople(
        "c", "friends", frozenset({10, 11, 13}), frozenset(), frozenset({"friendship"})
    )
    pairing = pair_stories([claim], _pool(), supporting=2)["c"]
    subgroups = {p.teller for p in pairing.stories}
    assert 11 in subgroups  # the man's story is preferred over a second woman's


def test_gap_and_rule_check():
    claim = ClaimPeople("lonely", "x", frozenset({99}), frozenset({98}))
    pairings = pair_stories([claim], _pool())
    assert pairings["lonely"].gap == NO_STORY_GAP
    check = check_rule(["lonely"], pairings, {1: 2, 4: 0})
    assert not check.ok
    assert check.claims_without_story == ("lonely",)
    assert check.stories_without_number == (4,)
    assert "claim lonely: no story" in check.describe()


def test_story_unit_claims():
    claim = ClaimPeople("theme", "friendship", frozenset({1, 3}), frozenset({4, 5}), unit="story")
    pairing = pair_stories([claim], _pool())["theme"]
    assert {p.story_id for p in pairing.stories if p.role == "supporting"} <= {1, 3}
    assert {p.story_id for p in pairing.stories if p.role == "contrasting"} <= {4, 5}


def test_deterministic():
    claim = ClaimPeople("c", "friends", frozenset({10, 11, 13}), frozenset({12}))
    a = pair_stories([claim], _pool())
    b = pair_stories([claim], _pool())
    assert a == b


def test_claims_agree_with_statsmodels():
    c = cl.proportion_claim("p", "x", 41, 63, None, {})
    lo, hi = proportion_confint(41, 63, alpha=0.05, method="wilson")
    assert c.ci_low == pytest.approx(lo, abs=1e-9) and c.ci_high == pytest.approx(hi, abs=1e-9)
    a = cl.proportion_claim("a", "a", 30, 50, None, {})
    b = cl.proportion_claim("b", "b", 12, 40, None, {})
    d = cl.difference_claim("d", "d", a, b, {})
    lo, hi = confint_proportions_2indep(30, 50, 12, 40, method="newcomb", compare="diff")
    assert d.ci_low == pytest.approx(lo, abs=1e-9) and d.ci_high == pytest.approx(hi, abs=1e-9)


def test_change_agrees_with_scipy():
    from scipy import stats

    rng = np.random.default_rng(3)
    before = rng.normal(20, 4, 40)
    after = before + rng.normal(1.5, 3, 40)
    c = cl.change_claim("c", "c", before.tolist(), after.tolist(), None, {})
    t = stats.ttest_rel(after, before)
    ci = t.confidence_interval(0.95)
    assert c.ci_low == pytest.approx(ci.low, abs=1e-9)
    assert c.ci_high == pytest.approx(ci.high, abs=1e-9)
    assert c.extra["t_statistic"] == pytest.approx(t.statistic, abs=1e-9)
    diff = after - before
    assert c.extra["cohen_dz"] == pytest.approx(diff.mean() / diff.std(ddof=1), abs=1e-9)


def test_suppressed_claims_carry_no_figure():
    rule = ThresholdRule(k=5)
    c = cl.proportion_claim("p", "x", 3, 40, rule, {})
    assert c.suppressed and c.numerator is None and c.estimate is None and c.ci_low is None
    assert "fewer than 5" in c.suppressed_reason
    fam = cl.proportion_family(
        ("all", "all", 20, 50, {}),
        [("a", "a", 2, 10, {}), ("b", "b", 10, 30, {}), ("c", "c", 8, 10, {})],
        rule,
    )
    hidden = [f for f in fam if f.suppressed]
    assert len(hidden) >= 2  # the small group and at least one more, so it can't be subtracted


def test_rounding_rule_intervals_from_rounded_counts():
    c = cl.proportion_claim("p", "x", 41, 63, NHS_DIGITAL, {})
    assert c.numerator == 40 and c.n == 65
    lo, _ = proportion_confint(40, 65, method="wilson")
    assert c.ci_low == pytest.approx(lo, abs=1e-9)

"""Quotes that fit their figure: topic over brevity, no story worn out across a report."""

from tallytale.core.pairing import (
    MAX_USES,
    REUSED_NOTE,
    ClaimPeople,
    StoryCandidate,
    StoryPool,
    content_words,
    pair_stories,
    quotable,
)

GENERIC = "Here I can be myself."
GP = (
    "Before the walking group I saw the doctor every month about my back. Now my GP says "
    "my blood pressure is fine and I have not needed an appointment since spring."
)
FRIENDS = "I came for the lunches and stayed for the people. I have two good friends now."


def _claim(cid, wording, people):
    return ClaimPeople(cid, wording, frozenset(people), frozenset({99}))


def test_a_story_about_the_topic_beats_a_short_generic_one():
    stories = [
        StoryCandidate(1, 1, GENERIC),  # lowest id: it used to win every tie
        StoryCandidate(2, 2, GP),
        StoryCandidate(3, 3, FRIENDS),
    ]
    words = "I visit my doctor less often doctor gp surgery appointment"
    pool = StoryPool.build(stories, content_words(words))
    picks = pair_stories([_claim("gp", words, {1, 2, 3})], pool, supporting=1)["gp"]
    assert picks.stories[0].story_id == 2
    assert picks.available == (3, 0)


def test_no_story_beside_more_than_max_uses_figures_while_others_exist():
    stories = [
        StoryCandidate(i, i, f"{GENERIC} Story number {i} about the group.") for i in range(1, 9)
    ]
    pool = StoryPool.build(stories, content_words("group"))
    claims = [_claim(f"c{k}", "group", set(range(1, 9))) for k in range(4)]
    pairings = pair_stories(claims, pool, supporting=2)
    shown = [p.story_id for pr in pairings.values() for p in pr.stories]
    assert len(shown) == 8 and max(shown.count(s) for s in shown) <= MAX_USES
    assert not any(REUSED_NOTE in pr.notes for pr in pairings.values())


def test_an_exhausted_pool_reuses_and_says_so():
    pool = StoryPool.build([StoryCandidate(1, 1, GP)], content_words("doctor"))
    claims = [_claim(f"c{k}", "doctor", {1}) for k in range(MAX_USES + 1)]
    pairings = pair_stories(claims, pool, supporting=1)
    assert all(pr.stories for pr in pairings.values())  # never a figure left bare for it
    assert REUSED_NOTE in pairings[f"c{MAX_USES}"].notes
    assert REUSED_NOTE not in pairings["c0"].notes


def test_quotable_needs_length_and_little_masking():
    assert not quotable(GENERIC)  # five words
    assert quotable(GP)
    assert not quotable("[NAME] told [NAME] to ring [PHONE] about [NAME] on Tuesday ok")
    assert quotable("My neighbour [name] told me about the lunch club and I went along.")

"""Names on real text: capitalised titles of shows, books, places and brands are not
people. The sentences are from HappyDB's public sample of happy moments (megagonlabs/
HappyDB docs/hm_sample.txt), where each of these was masked as a [NAME]."""

import pytest

from tallytale.core.redact import find_spans


def names(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text, "en") if str(s.type).endswith("NAME")]


@pytest.mark.parametrize(
    "text",
    [
        "Caught up on my favorite show (Suits) with a cup of tea.",
        "We watched the film called Frozen again.",
        "I finally finished Harry Potter and the Cursed Child today.",
        "I found a free Sherlock Holmes collection on Amazon.",
        "The Sens are in the Stanley Cup finals yay!",
        "Apple filled maple bar from Baker's Pride.",
        "I HAD A PICNIC WITH MY FRIENDS AT HILL TEMPLE.",
        "CUDDLING WITH MY CHILD THIS MORNING.",
        "MYSELF AND MY DAUGHTER WALKED 2 KM SPEAKING JOVIALLY",
        "IT WAS VERY RELAXING TO COME HOME AFTER A LONG DAYS WORK.",
        "Dinner to celebrate life with Mom, Brother and husband.",
        "My son wakes up with a cute little smile and calls me mamma.",
    ],
)
def test_titles_places_brands_and_shouting_are_not_names(text):
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ME AND ANNA HAND BY HAND WALKING CLOSE TO SEA", ["ANNA"]),
        ("Yusra and Anas play in the park.", ["Yusra", "Anas"]),
        ("I had coffee with Sarah Day on Valentine's Day.", ["Sarah Day"]),
        ("My friend Masako moved away for medical school.", ["Masako"]),
        ("Went to the show with Joyce.", ["Joyce"]),
        ("Tom books the hall for Saturday.", ["Tom"]),
    ],
)
def test_people_next_to_the_same_words_are_still_masked(text, expected):
    assert names(text) == expected


def test_a_day_named_after_someone_is_not_a_person():
    assert names("Fun Day with the kids today, and Valentine's Day next week.") == []

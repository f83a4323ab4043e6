"""Signifier answers as people read them (stories.signifiers.describe_answer)."""

import pytest

from tallytale.stories.models import Signifier
from tallytale.stories.signifiers import describe_answer, triad_choices, weights_of

TRIAD = Signifier(kind="triad", options=["me", "friends", "services"])


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ([0.2, 0.6000000000000001, 0.2], "mostly friends, some me and services"),
        ([0.0, 2 / 3, 1 / 3], "mostly friends, some services"),
        ([1, 0, 0], "only me"),
        ([0.34, 0.33, 0.33], "all three equally"),
        ([0.5, 0.0, 0.5], "me and services equally"),
    ],
)
def test_triad_in_words(value, words):
    assert describe_answer(TRIAD, value) == words


def test_every_triad_place_reads_back_as_itself():
    for key, words in triad_choices(TRIAD):
        assert describe_answer(TRIAD, weights_of(key)) == words[0].lower() + words[1:]


def test_choice_slider_scale_in_words():
    assert describe_answer(Signifier(kind="choice"), ["health", "friends"]) == "health, friends"
    slider = Signifier(kind="slider", options=["alone", "together"])
    assert describe_answer(slider, 30) == "nearer alone (30 of 100)"
    assert describe_answer(slider, 50) == "halfway between alone and together"
    scale = Signifier(kind="scale", options=["bad", "good"], scale_min=1, scale_max=5)
    assert describe_answer(scale, 5) == "5 · good" and describe_answer(scale, 3) == "3"

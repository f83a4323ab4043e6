"""Self-signification data for pattern views: a triad, two sliders, a scale and a choice
in cwm, answered by Welsh-speaking new members and English-speaking long-standing ones."""

import datetime as dt

from tallytale.programmes import services as people
from tallytale.stories import services as stories
from tallytale.stories import setup
from tests.actors import OPERATOR

POLES = ["the people", "the activity", "the time credits"]
CLI = stories.Actor("cli:test")

# (code, language, new to volunteering, triad, better_worse, hope, about)
TELLERS = [
    ("PW1", "cy", True, [0.8, 0.1, 0.1], 80, 70, ["Friends"]),
    ("PW2", "cy", True, [0.7, 0.2, 0.1], 75, 60, ["Friends"]),
    ("PW3", "cy", True, [0.65, 0.25, 0.1], 90, 85, ["Friends", "Money"]),
    ("PW4", "cy", True, [0.3, 0.6, 0.1], 60, 40, ["Money"]),
    ("PE1", "en", False, [0.4, 0.4, 0.2], 50, 50, ["Money"]),
    ("PE2", "en", False, [0.2, 0.7, 0.1], 40, 30, ["Money"]),
    ("PE3", "en", False, [0.35, 0.35, 0.3], 55, 50, ["Friends"]),
    ("PE4", "en", False, [0.1, 0.2, 0.7], 30, 20, ["Money"]),
    ("PE5", "en", False, [0.45, 0.45, 0.1], 65, 55, ["Friends"]),
    ("PE6", "en", False, [0.3, 0.3, 0.4], 45, 45, ["Money"]),
]


def seed(project, consent_level: str = "project") -> dict:
    """Define the signifiers and collect one story per teller; returns story ids by code."""
    setup.define_signifier(project, "about", "This story is about…", "choice", ["Friends", "Money"])
    setup.define_signifier(
        project, "better_worse", "Things got…", "slider", ["much worse", "much better"], order=1
    )
    setup.define_signifier(
        project, "difference", "What made the difference was…", "triad", POLES, order=2
    )
    setup.define_signifier(project, "hope", "I feel…", "slider", ["hopeless", "hopeful"], order=3)
    setup.define_signifier(
        project, "feeling", "How do you feel?", "scale", ["Bad", "", "", "", "Good"], order=4
    )
    ids = {}
    for code, language, new, triad, slider, hope, about in TELLERS:
        person = people.add_person(
            code,
            project.slug,
            joined_on=dt.date(2025, 1, 1),
            new_to_volunteering=new,
            age_band="25-34" if new else "65+",
            actor=OPERATOR,
        )
        story = stories.collect(
            project,
            actor=CLI,
            text=f"A story told by {code.lower()} about the garden.",
            language=language,
            teller=person,
            consent_level=consent_level,
            collected_on=dt.date(2025, 3, 1),
            answers={
                "difference": triad,
                "better_worse": slider,
                "hope": hope,
                "about": about,
                "feeling": 4,
            },
        )
        ids[code] = story.pk
    return ids

"""Mixed-methods integration: the meta-inference of a figure and its stories.

A joint display (Guetterman, Fetters & Creswell 2015) sets numbers and stories side by side;
the meta-inference says whether the stories **confirm**, **expand** or **contradict** the
figure (Fetters, Curry & Creswell 2013). Tallytale decides it by one rule, so two readers
of the same data get the same label:

* compare how often the stories of the people *behind* the figure (its numerator) speak of
  the figure's topic, ``a = x1 / n1``, with how often the stories of the *rest* of its
  population do, ``b = x2 / n2`` ("speaks of the topic": the story carries a topic theme or
  code, or a specific topic word; see ``tallytale.core.pairing``);
* with the Newcombe 95% interval of ``a - b``:
  - **confirm** when the interval lies above 0: the people behind the figure talk about
    its topic more than the others do;
  - **contradict** when it lies below 0: the topic comes up more among people the figure
    does not describe, so the stories point the other way;
  - **expand** otherwise: the stories of people behind the figure talk about other things
    as much as about its topic, adding what the figure does not say;
* **too few stories** when either side has fewer than ``min_stories`` stories the audience
  may read (no label is drawn from a handful of stories).

Plain values in and out; no Django, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from .stats import newcombe_difference

CONFIRM, EXPAND, CONTRADICT, TOO_FEW = "confirm", "expand", "contradict", "too few stories"
MIN_STORIES = 5


@dataclass(frozen=True, slots=True)
class MetaInference:
    """The label and the counts it rests on (stories on the topic / stories, each side)."""

    label: str
    behind: tuple[int, int]
    rest: tuple[int, int]
    difference: float | None
    low: float | None
    high: float | None


def meta_inference(
    on_topic_behind: int,
    stories_behind: int,
    on_topic_rest: int,
    stories_rest: int,
    min_stories: int = MIN_STORIES,
) -> MetaInference:
    """Confirm, expand or contradict (or too few stories), by the rule in the module
    docstring."""
    behind, rest = (on_topic_behind, stories_behind), (on_topic_rest, stories_rest)
    if stories_behind < min_stories or stories_rest < min_stories:
        return MetaInference(TOO_FEW, behind, rest, None, None, None)
    d = newcombe_difference(on_topic_behind, stories_behind, on_topic_rest, stories_rest)
    if d.low is not None and d.low > 0:
        label = CONFIRM
    elif d.high is not None and d.high < 0:
        label = CONTRADICT
    else:
        label = EXPAND
    return MetaInference(label, behind, rest, d.estimate, d.low, d.high)

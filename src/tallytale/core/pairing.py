"""Pairing numbers with stories: which stories to show beside a claim, and the rule check.

Tallytale's rule is "no numbers without stories, and no stories without numbers". For every
claim ("65% said their quality of life improved") this module chooses stories *from the
people the claim is about*:

* **supporting** stories come from the claim's numerator (the people who agreed, whose score
  improved, who were active ...);
* at least one **contrasting** story comes from the rest of the claim's population whenever
  such a story exists, so a report also lets speak the people for whom it did not improve.

Within each pool stories are ranked by relevance to the claim's topic and then diversified:

``relevance = 2 * |themes/codes shared with the claim's topic| / |claim topic|``
``          + min(1, (claim words found in the story) / 2)``
``          - 0.25 if the story has fewer than 8 words - 0.5 if over a third of it is masked``

The word term saturates at two topic words (a claim's topic lists many words a story might
use: "doctor", "GP", "appointment" ...; a story needs a couple, not a share of them all), so
a story about the topic beats a short generic one; brevity earns nothing.

Diversification is greedy maximal marginal relevance (Carbonell & Goldstein 1998): each
pick is the candidate maximising ``relevance - 0.5 * (same subgroup) - 0.3 * (theme overlap
with stories already picked) - 0.4 * (times the story is already shown in the report)``;
a teller is never shown twice beside one claim, and a story is shown beside at most
``max_uses`` (2) claims of a report unless the claim's pool holds no other story (then the
pairing says so in its notes).

Which stories are candidates at all (consent, withdrawal, redaction) is decided by the caller
through the audience's visibility rule; this module never sees a story the audience may not.

Why numpy: a programme report pairs ~100 claims with up to 10^5 stories; tokens are indexed
once (a boolean story x claim-word matrix) and each claim is scored with vector operations,
so pairing costs well under a second.

Plain values in, frozen dataclasses out; no Django, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import numpy as np

from .stopwords import ENGLISH

__all__ = [
    "ClaimPeople",
    "PairedStory",
    "Pairing",
    "RuleCheck",
    "StoryCandidate",
    "StoryPool",
    "check_rule",
    "content_words",
    "pair_stories",
]

Role = Literal["supporting", "contrasting"]
IdSet = frozenset[int] | np.ndarray


def _id_array(ids: IdSet) -> np.ndarray:
    if isinstance(ids, np.ndarray):
        return ids.astype(np.int64, copy=False)
    return np.fromiter(ids, dtype=np.int64, count=len(ids))


Unit = Literal["person", "story"]

NO_STORY_GAP = "no story yet: collect one"
NO_CONTRAST_NOTE = "no contrasting story available from the rest of this group"

_THEME_WEIGHT = 2.0
_SUBGROUP_PENALTY = 0.5
_THEME_PENALTY = 0.3
_REUSE_PENALTY = 0.4
_SHORT_PENALTY = 0.25
_MASKED_PENALTY = 0.5
MIN_WORDS = 8  # a story shorter than this says too little to stand beside a figure alone
MAX_MASKED_SHARE = 1 / 3  # more of it masked than this and it no longer reads as speech
MAX_USES = 2
REUSED_NOTE = "few stories: a story here is also shown beside other figures"
_MASK = re.compile(r"\[[A-Za-z_ ]{2,20}\]")
_SHORTLIST = 60
_WORD = re.compile(r"[^\W\d_]+")
_SUFFIXES = ("ingly", "ings", "ing", "edly", "ed", "ies", "ier", "iest", "ly", "es", "s")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """A crude English suffix-stripper: enough to match "friends" with "friend", "improved"
    with "improve"; relevance is a ranking aid, not an analysis."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """Lower-cased, crudely stemmed words of ``text`` without English function words."""
    # each distinct token once (a story repeats its words; the result is a set anyway)
    return frozenset(
        _stem(w)
        for w in {m.lower() for m in _WORD.findall(text)}
        if w not in ENGLISH and len(w) > 2
    )


@dataclass(frozen=True, slots=True)
class StoryCandidate:
    """A story the audience may see. ``teller`` is a person id (None if anonymous);
    ``subgroup`` is a display grouping of the teller (e.g. gender or area) used to diversify;
    ``themes`` and ``codes`` come from coding or a theme run; ``text`` is redacted text."""

    story_id: int
    teller: int | None
    text: str = ""
    subgroup: str = ""
    themes: frozenset[str] = frozenset()
    codes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ClaimPeople:
    """Who a claim is about. With ``unit="person"`` the sets hold person ids (tellers); with
    ``unit="story"`` they hold story ids (claims about stories, e.g. theme prevalence).
    Either a frozenset or an int64 numpy array of ids (reports pass arrays of 10^5 ids,
    which skips building sets only to turn them back into arrays)."""

    claim_id: str
    wording: str
    supporting: IdSet
    rest: IdSet
    topic: frozenset[str] = frozenset()
    unit: Unit = "person"


@dataclass(frozen=True, slots=True)
class PairedStory:
    story_id: int
    role: Role
    relevance: float
    teller: int | None


@dataclass(frozen=True, slots=True)
class Pairing:
    """The stories chosen for one claim; ``gap`` says plainly what is missing (or None).
    ``available`` counts the stories there were to choose from: (from the claim's
    numerator, from the rest of its population), so thin pairing can be said out loud."""

    claim_id: str
    stories: tuple[PairedStory, ...]
    gap: str | None = None
    notes: tuple[str, ...] = ()
    available: tuple[int, int] = (0, 0)

    @property
    def has_story(self) -> bool:
        return bool(self.stories)


@dataclass(frozen=True, slots=True)
class RuleCheck:
    """Outcome of the "no numbers without stories, no stories without numbers" check."""

    claims_without_story: tuple[str, ...]
    stories_without_number: tuple[int, ...]

    @property
    def ok(self) -> bool:
        return not self.claims_without_story and not self.stories_without_number

    def describe(self) -> list[str]:
        out = [f"claim {c}: no story" for c in self.claims_without_story]
        out += [f"story {s}: no number" for s in self.stories_without_number]
        return out


@dataclass
class StoryPool:
    """Candidates indexed for fast, repeated scoring against many claims.

    Build it once per report with :meth:`build`; ``vocabulary`` is the union of all claim
    words, so each story is tokenised once.
    """

    candidates: tuple[StoryCandidate, ...]
    story_ids: np.ndarray
    tellers: np.ndarray
    vocabulary: dict[str, int]
    words: np.ndarray  # bool, stories x vocabulary
    labels: dict[str, int] = field(default_factory=dict)
    label_matrix: np.ndarray | None = None  # bool, stories x theme/code labels
    quality: np.ndarray | None = None  # penalty per story: too short, too much masked
    specificity: np.ndarray | None = None  # weight per vocabulary word (rare words count more)

    @classmethod
    def build(cls, candidates: Sequence[StoryCandidate], claim_words: Iterable[str]) -> StoryPool:
        vocab: dict[str, int] = {}
        for w in sorted(set(claim_words)):
            vocab[w] = len(vocab)
        n = len(candidates)
        words = np.zeros((n, max(1, len(vocab))), dtype=bool)
        if vocab:
            for i, c in enumerate(candidates):
                for w in content_words(c.text) & vocab.keys():
                    words[i, vocab[w]] = True
        labels: dict[str, int] = {}
        for c in candidates:
            for lab in sorted(c.themes | c.codes):
                labels.setdefault(lab, len(labels))
        label_matrix = np.zeros((n, max(1, len(labels))), dtype=bool)
        for i, c in enumerate(candidates):
            for lab in c.themes | c.codes:
                label_matrix[i, labels[lab]] = True
        return cls(
            candidates=tuple(candidates),
            quality=np.fromiter((_quality(c.text) for c in candidates), dtype=np.float64, count=n),
            specificity=_specificity(words),
            story_ids=np.fromiter((c.story_id for c in candidates), dtype=np.int64, count=n),
            tellers=np.fromiter(
                (-1 if c.teller is None else c.teller for c in candidates), dtype=np.int64, count=n
            ),
            vocabulary=vocab,
            words=words,
            labels=labels,
            label_matrix=label_matrix,
        )

    def relevance(self, claim: ClaimPeople) -> np.ndarray:
        """Relevance of every candidate to ``claim`` (see the module docstring)."""
        n = len(self.candidates)
        score = np.zeros(n, dtype=np.float64)
        cols = [self.vocabulary[w] for w in content_words(claim.wording) if w in self.vocabulary]
        if cols:
            weights = self.specificity[cols] if self.specificity is not None else 1.0
            score += np.minimum((self.words[:, cols] * weights).sum(axis=1), 2) / 2
        topic_cols = [self.labels[t] for t in claim.topic if t in self.labels]
        if topic_cols and self.label_matrix is not None:
            score += _THEME_WEIGHT * self.label_matrix[:, topic_cols].sum(axis=1) / len(claim.topic)
        if self.quality is not None:
            score -= self.quality
        return score

    def on_topic(self, claim: ClaimPeople) -> np.ndarray:
        """Which candidates speak of the claim's topic: they carry one of its themes or
        codes, or use at least one fully specific topic word (the meta-inference's test)."""
        n = len(self.candidates)
        hit = np.zeros(n, dtype=bool)
        cols = [self.vocabulary[w] for w in content_words(claim.wording) if w in self.vocabulary]
        if cols:
            weights = self.specificity[cols] if self.specificity is not None else 1.0
            hit |= (self.words[:, cols] * weights).sum(axis=1) >= 1.0
        topic_cols = [self.labels[t] for t in claim.topic if t in self.labels]
        if topic_cols and self.label_matrix is not None:
            hit |= self.label_matrix[:, topic_cols].any(axis=1)
        return hit

    def members(self, ids: IdSet, unit: Unit) -> np.ndarray:
        """Boolean mask of candidates whose teller (or story) is in ``ids``."""
        if len(ids) == 0:
            return np.zeros(len(self.candidates), dtype=bool)
        keys = self.tellers if unit == "person" else self.story_ids
        return np.isin(keys, _id_array(ids))


def _specificity(words: np.ndarray) -> np.ndarray:
    """A weight per word from how many stories use it (inverse document frequency, scaled
    to 0..1): a word in one story in twenty or fewer counts fully, a word every story uses
    ("help", "people") counts for nothing, so a generic story does not pass for a topical one."""
    n = max(1, words.shape[0])
    df = np.maximum(words.sum(axis=0), 1)
    return np.clip(np.log(n / df) / np.log(20), 0.0, 1.0)


def _quality(text: str) -> float:
    """The penalty a story's form earns: too short to stand alone, or mostly masked."""
    words = len(text.split())
    masked = len(_MASK.findall(text))
    penalty = _SHORT_PENALTY if words < MIN_WORDS else 0.0
    if words and masked / words > MAX_MASKED_SHARE:
        penalty += _MASKED_PENALTY
    return penalty


def quotable(text: str) -> bool:
    """Whether a story may be quoted on its own (a report's front page): at least
    ``MIN_WORDS`` words and no more than a third of them masked."""
    words = len(text.split())
    return words >= MIN_WORDS and len(_MASK.findall(text)) <= words * MAX_MASKED_SHARE


def _diversify(
    pool: StoryPool,
    mask: np.ndarray,
    relevance: np.ndarray,
    k: int,
    taken_tellers: set[int],
    taken_subgroups: list[str],
    taken_themes: list[frozenset[str]],
    role: Role,
    uses: np.ndarray | None = None,
    max_uses: int | None = None,
) -> list[PairedStory]:
    """Greedy MMR over the shortlist of the most relevant candidates (ties: lowest id).
    ``uses`` (aligned with the pool) counts how often each story is already shown in the
    report: each use costs, and a story at ``max_uses`` is left out."""
    if uses is None:
        uses = np.zeros(len(pool.candidates), dtype=np.int64)
    if max_uses is not None:
        mask = mask & (uses < max_uses)
    idx = np.flatnonzero(mask)
    if idx.size == 0 or k <= 0:
        return []
    # sort by (reuse cost - relevance, story id) for a deterministic shortlist
    order = np.lexsort((pool.story_ids[idx], _REUSE_PENALTY * uses[idx] - relevance[idx]))
    shortlist = list(idx[order[:_SHORTLIST]])
    picks: list[PairedStory] = []
    while shortlist and len(picks) < k:
        best_i, best_score = -1, -np.inf
        for pos, i in enumerate(shortlist):
            c = pool.candidates[i]
            if c.teller is not None and c.teller in taken_tellers:
                continue
            s = float(relevance[i]) - _REUSE_PENALTY * float(uses[i])
            if c.subgroup and c.subgroup in taken_subgroups:
                s -= _SUBGROUP_PENALTY
            labels = c.themes | c.codes
            if labels and taken_themes:
                overlap = max(len(labels & t) / len(labels) for t in taken_themes)
                s -= _THEME_PENALTY * overlap
            if s > best_score:
                best_i, best_score = pos, s
        if best_i < 0:
            break
        i = shortlist.pop(best_i)
        c = pool.candidates[i]
        picks.append(PairedStory(c.story_id, role, round(float(relevance[i]), 6), c.teller))
        uses[i] += 1
        if c.teller is not None:
            taken_tellers.add(c.teller)
        taken_subgroups.append(c.subgroup)
        taken_themes.append(c.themes | c.codes)
    return picks


def pair_stories(
    claims: Sequence[ClaimPeople],
    pool: StoryPool,
    *,
    supporting: int = 2,
    contrasting: int = 1,
    max_uses: int | None = MAX_USES,
) -> dict[str, Pairing]:
    """Choose stories for each claim, in the order given (the first claims choose first):
    up to ``supporting`` from the numerator and up to ``contrasting`` (at least one
    whenever the rest of the population told a story) from the others. Across the report a
    story is shown at most ``max_uses`` times (None: no limit) unless a claim's pool is
    exhausted; then it is reused and the pairing notes say so. A claim with no story at all
    gets the gap note :data:`NO_STORY_GAP`."""
    out: dict[str, Pairing] = {}
    uses = np.zeros(len(pool.candidates), dtype=np.int64)
    for claim in claims:
        relevance = pool.relevance(claim)
        in_support = pool.members(claim.supporting, claim.unit)
        in_rest = pool.members(claim.rest, claim.unit) & ~in_support
        notes: list[str] = []
        picks: list[PairedStory] = []
        tellers: set[int] = set()
        subgroups: list[str] = []
        themes: list[frozenset[str]] = []
        for mask, k, role in (
            (in_support, supporting, "supporting"), (in_rest, max(1, contrasting), "contrasting"),
        ):  # fmt: skip
            got = _diversify(pool, mask, relevance, k, tellers, subgroups, themes, role,  # type: ignore[arg-type]
                             uses, max_uses)  # fmt: skip
            if not got and mask.any() and max_uses is not None:
                # the pool is exhausted by earlier figures: reuse, and say so
                got = _diversify(pool, mask, relevance, k, tellers, subgroups, themes, role,  # type: ignore[arg-type]
                                 uses, None)  # fmt: skip
                if got and REUSED_NOTE not in notes:
                    notes.append(REUSED_NOTE)
            picks += got
        if len(claim.rest) and not any(p.role == "contrasting" for p in picks):
            notes.append(NO_CONTRAST_NOTE)
        out[claim.claim_id] = Pairing(
            claim_id=claim.claim_id,
            stories=tuple(picks),
            gap=None if picks else NO_STORY_GAP,
            notes=tuple(notes),
            available=(int(in_support.sum()), int(in_rest.sum())),
        )
    return out


def check_rule(
    published_claims: Sequence[str],
    pairings: Mapping[str, Pairing],
    story_numbers: Mapping[int, int],
) -> RuleCheck:
    """Which published claims have no story and which shown stories have no number.

    ``story_numbers`` maps every story shown in the report to how many published figures
    accompany it.
    """
    missing = tuple(c for c in published_claims if c not in pairings or not pairings[c].has_story)
    bare = tuple(sorted(s for s, n in story_numbers.items() if n <= 0))
    return RuleCheck(claims_without_story=missing, stories_without_number=bare)

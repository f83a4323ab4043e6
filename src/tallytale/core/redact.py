"""Find and mask personal data in participants' stories, with no model and no network.

Stories told in Tallytale's programmes are special-category data: they name people, places,
health conditions and immigration status. Before a story is shared beyond the coordinator
who collected it, identifying details are masked with typed placeholders (``[NAME]``,
``[PHONE]``...) so the story keeps its meaning but stops pointing at a person.

Why rules and word lists instead of a statistical model: the platform must run offline on a
small server, must give the same answer twice, and must be explainable to a participant
("we hid anything that looked like a phone number"). Structured identifiers (phone, NHS and
National Insurance numbers, postcodes, e-mail, URLs) are found by bounded regular expressions
plus validation (check digits, allocated prefixes, postcode areas). Names are found from
shipped lists of given names and surnames across the cultures in our programmes plus context
rules (titles, "my name is", "my friend X", adjacency to a known name). Detection is never
perfect, so :func:`redact` says when a human should review (``needs_review``) and
:func:`apply_corrections` lets a coordinator add or remove spans by hand.

What is masked, precisely:

* ``EMAIL``: ``local@domain.tld`` and the obfuscated forms ``sian [at] example [dot] org``.
* ``URL``: ``http(s)://``, ``www.`` and bare domains with a common top-level domain.
* ``PHONE``: UK numbers starting ``0`` (10 or 11 digits, first digit after ``0`` in
  1, 2, 3, 5, 7, 8), ``+44``/``0044`` (with an optional ``(0)``), and international
  ``+CC``/``00CC`` numbers of 8 to 15 digits; separators: space, dash, dot, brackets.
* ``POSTCODE``: every UK format (A9, A99, A9A, AA9, AA99, AA9A + inward code), any case,
  with or without the space, checked against the list of postcode areas.
* ``NHS_NUMBER``: 10 digits (3-3-4 spacing optional) whose modulus-11 check digit is valid;
  numbers starting with ``0`` also need the word "NHS"/"CHI" nearby, since they are more
  likely to be phone numbers.
* ``NI_NUMBER``: two prefix letters allowed by HMRC (no D, F, I, Q, U, V; no O second; not
  BG, GB, KN, NK, NT, TN, ZZ), six digits, suffix A-D.
* ``ADDRESS``: house number (``12``, ``12a``, ``12-14``) + capitalised street name + a street
  word (Road, Street, Lane... or Welsh Heol, Ffordd, Stryd, Lôn... which come first), with an
  optional ``Flat 3,`` in front; ``flat 3`` on its own is also masked. Streets without a
  house number, towns and building names are not masked.
* ``DATE_OF_BIRTH``: only the date expression itself (``12/03/1985``, ``1985-03-12``,
  ``12 March 1985``, ``March 12, 1985``, ``12fed o Fawrth 1985``, a day and month, a month
  and year, or a bare year) and only when a birth cue ("born", "DOB", "date of birth",
  "birthday", Welsh "ganwyd"/"geni"/"pen-blwydd", Arabic "ولدت"/"تاريخ الميلاد"...) ends
  within 60 characters before it with no sentence break between (or "birthday" follows
  within 30 characters: "12 March is my birthday"). Other dates
  ("we arrived on 12 March 2019") are left alone: they matter to the story. A bare year is
  only masked within 25 characters after "born"/"ganwyd"/"ولدت" ("born in 1985").
* ``NAME``: see :func:`find_spans`. Titles ("Mrs", "Dr") are kept outside the span so the
  masked text still reads naturally ("Mrs [NAME]"). Not masked: titles of works and
  businesses ("my favorite show (Suits)", "a Sherlock Holmes collection", "Harry Potter and
  the Cursed Child"), named things ("Stanley Cup", "Valentine's Day", "Baker's Pride"),
  family words ("with Mom") and, in text written in capitals, words that are not listed
  names (benchmarks/redaction_real.py measures this on real text).

Offsets are Python string indices (code points) into the text as given. Invisible control
and bidirectional-override characters are skipped while scanning, so ``07700\\u202e900123``
is still found, and their presence is reported as a reason to review.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from tallytale.core.i18n import gettext as _
from tallytale.core.pii_identifiers import (
    _DIGIT_RE,
    _Candidate,
    _find_addresses,
    _find_dates_of_birth,
    _find_emails,
    _find_nhs,
    _find_ni,
    _find_phones,
    _find_postcodes,
    _find_urls,
    is_valid_nhs_number,
    is_valid_ni_number,
    is_valid_postcode,
)
from tallytale.core.pii_names import _WELSH_MARKERS_RE, _find_names
from tallytale.core.pii_text import (
    _INVISIBLE_RE,
    _SPECIFICITY,
    KNOWN_LANGUAGES,
    PIIType,
    RedactionResult,
    Span,
    _View,
    is_listed_name,
    name_lexicon_size,
)

__all__ = [
    "KNOWN_LANGUAGES",
    "PIIType",
    "RedactionResult",
    "Span",
    "apply_corrections",
    "find_spans",
    "is_valid_nhs_number",
    "is_valid_ni_number",
    "is_listed_name",
    "is_valid_postcode",
    "name_lexicon_size",
    "redact",
    "review_reasons",
]


# ---------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------


def _primary_language(language: str | None) -> str | None:
    if not language:
        return None
    return re.split(r"[-_]", language.strip(), maxsplit=1)[0].lower() or None


def _looks_welsh(text: str) -> bool:
    return len(_WELSH_MARKERS_RE.findall(text, 0, 4000)) >= 3


def _resolve(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping spans: longest first, then most specific type.

    Candidates are first split into clusters of mutually overlapping spans (one sweep), so
    the greedy choice only ever looks at a handful of spans and stays fast on long texts.
    """
    kept: list[_Candidate] = []
    cluster: list[_Candidate] = []
    cluster_end = -1
    for cand in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if cluster and cand[0] >= cluster_end:
            kept += _resolve_cluster(cluster)
            cluster = []
        cluster.append(cand)
        cluster_end = max(cluster_end, cand[1]) if len(cluster) > 1 else cand[1]
    if cluster:
        kept += _resolve_cluster(cluster)
    return kept


def _resolve_cluster(cluster: list[_Candidate]) -> list[_Candidate]:
    if len(cluster) == 1:
        return cluster
    chosen: list[_Candidate] = []
    for cand in sorted(cluster, key=lambda c: (-(c[1] - c[0]), _SPECIFICITY[c[2]], c[0])):
        if all(cand[1] <= c[0] or c[1] <= cand[0] for c in chosen):
            chosen.append(cand)
    return sorted(chosen)


def find_spans(text: str, language: str | None = None) -> list[Span]:
    """Find personal data in ``text``; return non-overlapping spans sorted by position.

    ``language`` is a BCP 47 code ("en", "cy", "ar", "en-GB"...) or None. It tunes the name
    rules: with "cy" (or Welsh-looking text when None), Welsh ordinary words such as "haf"
    and "seren" need context before they count as names, and mutated names (Ddafydd, Wen)
    are recognised. Unknown languages still get every rule; :func:`redact` flags them.

    Names are found by: listed names written with a capital (or in text written all in
    lowercase); listed names that are ordinary words only mid-sentence, or with context;
    titles ("Mrs X"); cue phrases ("my name is X", "called X", "my support worker X",
    "fy ffrind X", "اسمي X", "صديقي X"); capitalised words next to a found name ("Siân
    Pritchard-Bowen") and in lists of people ("Siân, Habtom and Dawit"). Street and
    building names ("Morgan Street", "Prince Charles Hospital") are not counted as people.
    """
    if not text:
        return []
    view = _View(text)
    clean = view.text
    lang = _primary_language(language)
    welsh = lang == "cy" or (lang is None and _looks_welsh(clean))
    candidates: list[_Candidate] = []
    candidates += _find_emails(clean)
    candidates += _find_urls(clean)
    if _DIGIT_RE.search(clean):
        candidates += _find_phones(clean)
        candidates += _find_nhs(clean)
        candidates += _find_ni(clean)
        candidates += _find_postcodes(clean)
        candidates += _find_addresses(clean)
        candidates += _find_dates_of_birth(clean)
    candidates += _find_names(clean, welsh)
    spans = []
    for start, end, kind in _resolve(candidates):
        o_start, o_end = view.to_original(start, end)
        spans.append(Span(o_start, o_end, kind, text[o_start:o_end]))
    return spans


_NON_LATIN_LETTER_RE = re.compile(
    r"[^\W\d_A-Za-z\u00aa\u00b5\u00ba\u00c0-\u024f\u0250-\u02af\u1e00-\u1eff"
    r"\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)


def review_reasons(text: str, language: str | None = None) -> tuple[str, ...]:
    """Why a person should check the masking of ``text`` by hand; empty if no known reason.

    Name detection relies on word lists and cue words for English, Welsh and Arabic; for
    any other language, or for letters in a script with no list (Ge'ez for Tigrinya,
    Cyrillic, Chinese characters...), names are likely to be missed.
    """
    reasons: list[str] = []
    lang = _primary_language(language)
    if lang is not None and lang not in KNOWN_LANGUAGES:
        reasons.append(f"no name rules for language {lang!r}: names may be missed")
    scripts: list[str] = []
    for m in _NON_LATIN_LETTER_RE.finditer(text):
        script = unicodedata.name(m.group(), "UNKNOWN").split(" ")[0]
        if script not in scripts:
            scripts.append(script)
            if len(scripts) >= 5:
                break
    for script in scripts:
        reasons.append(f"text contains {script.title()} script, which has no name list")
    if _INVISIBLE_RE.search(text):
        reasons.append(
            "text contains invisible control or direction-override characters: "
            "check it displays as scanned"
        )
    return tuple(reasons)


def _checked(text: str, spans: Iterable[Span]) -> list[Span]:
    """Validate hand-made spans against the text and fill in their ``text``."""
    result = []
    for span in spans:
        if span.end > len(text):
            raise ValueError(
                _("span [%(start)s, %(end)s) is outside the text")
                % {"start": span.start, "end": span.end}
            )
        result.append(Span(span.start, span.end, span.type, text[span.start : span.end]))
    return result


def _resolve_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    resolved = _resolve((s.start, s.end, s.type) for s in _checked(text, spans))
    return [Span(s, e, t, text[s:e]) for s, e, t in resolved]


def redact(
    text: str, language: str | None = None, spans: Sequence[Span] | None = None
) -> RedactionResult:
    """Replace each span with its typed placeholder (``[NAME]``, ``[PHONE]``...).

    Pass ``spans`` to mask exactly those (for instance the output of
    :func:`apply_corrections`); otherwise :func:`find_spans` is used. Overlapping spans are
    resolved (longest, then most specific, wins). ``needs_review`` is set when name recall
    is uncertain; see :func:`review_reasons`.
    """
    final = find_spans(text, language) if spans is None else _resolve_spans(text, spans)
    out: list[str] = []
    pos = 0
    for span in final:
        out.append(text[pos : span.start])
        out.append(f"[{span.type.value}]")
        pos = span.end
    out.append(text[pos:])
    reasons = review_reasons(text, language)
    return RedactionResult(
        text="".join(out), spans=tuple(final), needs_review=bool(reasons), review_reasons=reasons
    )


def apply_corrections(
    text: str,
    auto_spans: Iterable[Span],
    added_spans: Iterable[Span] = (),
    removed_spans: Iterable[Span] = (),
) -> list[Span]:
    """Merge a coordinator's manual corrections into the automatic spans.

    A removed span cancels the automatic span with the same ``start`` and ``end`` (its type
    is not compared: the coordinator is saying "this is not personal data"). An added span
    always survives: automatic spans that overlap it are dropped, because the coordinator
    has drawn the boundary by hand; overlapping added spans are resolved like automatic
    ones. Spans outside the text raise ``ValueError``. Pure: nothing is mutated.
    """
    added = _resolve_spans(text, added_spans)
    removed = {(s.start, s.end) for s in removed_spans}
    kept = [
        s
        for s in _checked(text, auto_spans)
        if (s.start, s.end) not in removed
        and not any(a.start < s.end and s.start < a.end for a in added)
    ]
    return sorted(_resolve_spans(text, kept) + added)

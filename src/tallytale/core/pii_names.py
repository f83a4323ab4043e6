"""Names of people in English, Welsh and Arabic text: tiers from the shipped lists, cues
(titles, "my friend", "said"), Welsh mutations, and the words that look like names but
are places or ordinary words."""

from __future__ import annotations

import bisect
import functools
import re

from tallytale.core.pii_identifiers import _STREET_WORDS, _WELSH_STREET_WORDS, _Candidate
from tallytale.core.pii_text import (
    _ARABIC_CHAR_RE,
    PIIType,
    _arabic_key,
    _latin_key,
    _Lexicon,
    _lexicon,
    _strip_possessive,
)

# ---------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
    r"|['’\-](?=[^\W\d_])){0,48}"
)

# Tiers of a token, from the lists.
_NAME = 0  # a listed name that is not an ordinary word: masked when capitalised
_AMBIG = 1  # a listed name that is also an ordinary word (Hope, Will): needs a signal
_PLACE = 2  # a listed name that is also a place (Barry, Jordan): not after "in", "to"...
_STRICT_NAME = 3  # a listed name that is also a month/faith/organisation (May): cue only
_STOP = 4  # not a name: place, month, organisation, nationality...
_COMMON = 5  # not a name: ordinary word
_UNKNOWN = 6  # not in any list: only context can make it a name

_TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lady lord rev revd reverend fr cllr
    councillor imam sheikh shaykh haji hajji hajja auntie aunty aunt uncle nurse sister
    brother father pastor parch parchedig""".split()
)
# Words before a place name: "in Barry" is the town, "I saw Barry" is a person.
_LOCATIVES = frozenset(
    """in to from at near into via through around outside towards toward across the
    visited visit leave left moved live lived living ym yng yn i o ger""".split()
)
# Pronouns and function words that are also (mostly Chinese) surnames: He, You, To, Do.
# They are only names after a title ("Mr He").
_FUNCTION_WORDS = frozenset(
    """he she it we they you me him her us them to do so no on in an as at by of or if is be am
    my i a the and but""".split()
)
# Verbs that, straight after a sentence-initial "Grace"/"Bill", make it a person
# ("Grace said", "Bill fixed the bikes") rather than the ordinary word ("Grace before meals").
_PERSON_VERBS = frozenset(
    """said says told asked came comes went goes brought phoned rang texted smiled laughed
    cried arrived lives lived works worked cooked fixed joined visited drove wrote replied
    answered shouted whispered agreed explained""".split()
)
_NAME_PARTICLES = frozenset(
    """al el bin ibn bint ap ab ferch van von der den de da di du la le dos das del della
    mac abu ould""".split()
)
_CONJUNCTIONS_RE = re.compile(r"\s{0,2}(?:,|&|and|a|ac|or|neu|و)\s{1,2}|,\s{0,2}", re.IGNORECASE)
_INSTITUTION_WORDS = frozenset(
    _latin_key(w)
    for w in (
        _STREET_WORDS.split("|")
        + """Hospital School Centre Center College University Church Chapel Mosque Surgery
        Clinic Practice House Hall Court Park Trust Foundation Library Station Stadium
        Academy Primary Comprehensive Ward Unit Bridge Arms Inn Hotel Cafe Café Pub Restaurant
        Shop Estate Memorial Infirmary Hospice Theatre Museum Gallery Institute Fund Appeal
        Campaign Project Programme Group Club Team Award Prize Lecture Building Tower Market
        Garden Gardens Road Street Avenue Lane""".split()
    )
)
_SAINT_WORDS = frozenset({"st", "st.", "saint", "sant", "santes", "llan"})
# Family words people capitalise ("with Mom", "Dad's car"): they point at no one outside
# the family, so they are never masked as names on their own.
_KINSHIP = frozenset(
    """mom mum mam mama mamma mommy mummy mammy dad daddy papa pops grandma grandpa granny
    grandad granddad grandmother grandfather""".split()
)
# The last word of a named thing, not a person: "Stanley Cup", "Valentine's Day", "Baker's
# Pride", "Hill Temple". Only when that word is not itself a listed name ("Sarah Day" is a
# person), unless the run before it is possessive ("Mother's Day").
_THING_WORDS = frozenset(
    """day cup trophy festival show awards bowl games series pride temple mall grill kitchen
    pizza pizzeria burger burgers bakery diner bar tavern brewery store stores supermarket
    cinema concert tour airport beach lake river mountain mountains island falls valley
    forest zoo aquarium boulevard plaza resort casino league championship tournament
    marathon open classic expo fair convention studios records airlines motors""".split()
)
# Nouns naming a work or a business: a capitalised run straight after one is its title
# ("my favorite show (Suits)", "the book Wonder", "the band Queen"); a run straight before
# one of `_TITLE_TAILS` is a title too ("a Sherlock Holmes collection").
_MEDIA_NOUNS = frozenset(
    """show shows book books novel novels movie movies film films series sitcom programme
    program song songs album albums band game games podcast podcasts play musical
    restaurant store shop brand channel app episode episodes season seasons franchise
    collection boxset box-set marathon trilogy saga comic comics manga anime""".split()
)
# Nouns after a title that are never verbs ("Anas plays", "Tom books a table" are people).
_TITLE_TAILS = frozenset(
    """collection novel novels movie movies series album albums boxset box-set trilogy saga
    franchise marathon episode episodes podcast comics manga anime soundtrack merch""".split()
)
_TITLE_LEAD_RE = re.compile(r"""\s{0,2}(?:(?:called|named|titled)\s{1,3})?[("'“‘:]?\s{0,2}$""")
# Welsh names a street before its name ("Heol y Bryn", "Lôn Dafydd"): what follows is the
# street, not a person, even with no house number in front.
_WELSH_STREET_KEYS = frozenset(_latin_key(w) for w in _WELSH_STREET_WORDS.split("|"))
_WELSH_ARTICLES = frozenset({"y", "yr", "'r", "’r"})

_STRONG_CUE_RE = re.compile(
    r"\b(?:name(?:['’]s|\s{1,3}is|\s{1,3}was|\s{0,2}:)|"
    r"(?:i\s{1,3}am|i['’]m|is|was|am|are|were|be|been|being)\s{1,3}called|call\s{1,3}me|"
    r"known\s{1,3}as|goes\s{1,3}by|named|"
    r"fy\s{1,3}enw\s{1,3}(?:i\s{1,3})?(?:yw|ydy|ydi)|o'r\s{1,3}enw|"
    r"enw\s{1,3}(?:e|hi|fe|o|fo)\s{1,3}(?:yw|ydy|ydi)|fy\s{1,3}ngalw'n|ei\s{1,3}galw'n)"
    r"[\s,:]{1,4}",
    re.IGNORECASE,
)
_CALLED_CUE_RE = re.compile(r"\bcalled[\s,:]{1,4}", re.IGNORECASE)
_RELATIONS = (
    r"friends?|sons?|daughters?|husband|wife|partner|neighbou?rs?|workers?|caseworker|carers?|"
    r"mum|mom|mam|mother|dad|father|brothers?|sisters?|cousins?|aunt|auntie|aunty|uncle|"
    r"nan|nana|nain|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|"
    r"grandsons?|granddaughters?|grandchild|nephews?|nieces?|boyfriend|girlfriend|fianc[ée]e?|"
    r"colleagues?|boss|manager|teacher|tutor|doctor|gp|nurse|midwife|interpreter|translator|"
    r"solicitor|lawyer|landlord|landlady|mentor|buddy|volunteers?|befriender|child|children|"
    r"baby|kids?|boy|girl|flatmate|housemate|roommate|co-?ordinator|counsellor|therapist|"
    r"pastor|imam|vicar|priest|stepson|stepdaughter|stepmother|stepfather|wife's|husband's"
)
_RELATION_CUE_RE = re.compile(
    r"\b(?:my|our|his|her|their|your)\s{1,3}"
    r"(?:(?:best|old|new|little|big|baby|younger|older|elder|late|dear|eldest|youngest|oldest|"
    r"step|ex|support|key|case|social|youth|link|family|school|community|lovely|good|close|"
    r"only|twin|first|second|third|deaf|housing|mental|health|peer|bsl)[\s\-]{1,3}){0,2}"
    r"(?:" + _RELATIONS + r")(?:-in-law)?\s{0,3}[,:]?\s{1,3}"
    r"|\bfy\s{1,3}(?:ffrind|ffrindiau|mab|merch|ngŵr|ngwr|ngwraig|nghymydog|nghymdoges|"
    r"mam|nhad|mrawd|chwaer|nain|nhaid|mam-gu|nhad-cu|mhartner|ngweithiwr|ngofalwr|ngofalydd|"
    r"wyres|ŵyr|wyr|nghefnder|nghyfnither|modryb|ewythr|athro|athrawes|meddyg|nyrs|"
    r"nghyfieithydd|cyfieithydd|nghydweithiwr)\s{0,3}[,:]?\s{1,3}",
    re.IGNORECASE,
)
_WEAK_CUE_RE = re.compile(
    r"\b(?:hi|hello|hiya|dear|thanks|thank\s{1,3}you|cheers|i['’]m|i\s{1,3}am|this\s{1,3}is|"
    r"meet|met|with|told|asked|ask|helped|bye|shwmae|helo|diolch|annwyl|gyda|efo)[\s,:]{1,3}",
    re.IGNORECASE,
)
# One pass finds every cue; the group name says which kind (leftmost, then first listed).
_CUE_RE = re.compile(
    "|".join(
        f"(?P<{group}>{pattern.pattern})"
        for group, pattern in (
            ("strong", _STRONG_CUE_RE),
            ("relation", _RELATION_CUE_RE),
            ("called", _CALLED_CUE_RE),
            ("weak", _WEAK_CUE_RE),
        )
    ),
    re.IGNORECASE,
)
_AR_CUES_STRONG = frozenset(
    _arabic_key(w)
    for w in """اسمي اسمى اسمه اسمها يدعى تدعى يسمى تسمى السيد السيدة الدكتور الدكتورة
    الأستاذ الأستاذة الحاج الحاجة الشيخ د""".split()
)
_AR_CUES_RELATION = frozenset(
    _arabic_key(w)
    for w in """صديقي صديقتي ابني ابنتي بنتي زوجي زوجتي جاري جارتي أخي أختي عمي خالي
    عمتي خالتي والدي والدتي جدي جدتي حفيدي حفيدتي الأخ الأخت""".split()
)
_AR_PARTICLES = frozenset(_arabic_key(w) for w in "بن ابن بنت أبو ابو أم عبد آل".split())
_AR_PREFIXES = "وفبل"

_WELSH_MARKERS_RE = re.compile(
    r"\b(?:yn|mae|roedd|gyda|ac|yr|fy|hefyd|dw|rydw|wedi|iawn|ond)\b", re.IGNORECASE
)
_DEMUTATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ngh", ("c",)),
    ("mh", ("p",)),
    ("nh", ("t",)),
    ("ng", ("g",)),
    ("ch", ("c",)),
    ("ph", ("p",)),
    ("th", ("t",)),
    ("dd", ("d",)),
    ("f", ("b", "m")),
    ("g", ("c",)),
    ("b", ("p",)),
    ("d", ("t",)),
    ("l", ("ll",)),
    ("r", ("rh",)),
    ("m", ("b",)),
    ("n", ("d",)),
)
_INITIAL_SKIP = " \t\"'“‘”’([{*•-–—«»"
_INITIAL_BREAK = ".!?…\n\r:;>؟۔"


def _demutate(key: str, names: frozenset[str]) -> str | None:
    """Undo Welsh initial mutation (Ddafydd -> Dafydd, Wen -> Gwen, Fethan -> Bethan)."""
    for prefix, radicals in _DEMUTATIONS:
        if key.startswith(prefix):
            for radical in radicals:
                candidate = radical + key[len(prefix) :]
                if candidate in names:
                    return candidate
    if key and key[0] in "aeiouwylr":  # soft mutation drops an initial g
        candidate = "g" + key
        if candidate in names:
            return candidate
    return None


def _latin_tier(key: str, lex: _Lexicon, welsh: bool) -> int:
    named = key in lex.names
    if key in lex.strict or key in _FUNCTION_WORDS:
        return _STRICT_NAME if named else _STOP
    if key in lex.places:
        return _PLACE if named else _STOP
    common = key in lex.common_en or (welsh and key in lex.common_cy) or key in _KINSHIP
    if named:
        return _AMBIG if common else _NAME
    return _COMMON if common else _UNKNOWN


def _arabic_tier(key: str, lex: _Lexicon) -> int:
    named = key in lex.names
    if key in lex.stop_ar:
        return _AMBIG if named else _COMMON
    return _NAME if named else _UNKNOWN


_TokenFacts = tuple[int, int, str, int, bool, bool, bool]


@functools.lru_cache(maxsize=65536)
def _analyse_token(raw: str, welsh: bool) -> _TokenFacts:
    """What the lists say about one word, cached because stories reuse the same words.

    Returns (start offset, length of the name part, key, tier, capitalised, Arabic script,
    possessive).
    """
    lex = _lexicon()
    if _ARABIC_CHAR_RE.match(raw):
        key = _arabic_key(raw)
        tier = _arabic_tier(key, lex)
        if tier == _UNKNOWN and len(key) > 3 and key[0] in _AR_PREFIXES:
            if _arabic_tier(key[1:], lex) == _NAME:  # "ومحمد": and Mohammed
                return 1, len(raw) - 1, key[1:], _NAME, False, True, False
        return 0, len(raw), key, tier, False, True, False
    name_part = _strip_possessive(raw)
    key = _latin_key(name_part)
    tier = _latin_tier(key, lex, welsh)
    cap = name_part[:1].isupper()
    if tier == _UNKNOWN and "-" in key:
        if any(_latin_tier(p, lex, welsh) == _NAME for p in key.split("-") if len(p) > 1):
            tier = _NAME
    if welsh and cap and tier in (_UNKNOWN, _COMMON):
        base = _demutate(key, lex.names)
        if base is not None:
            key, tier = base, _NAME
    return 0, len(name_part), key, tier, cap, False, len(name_part) != len(raw)


class _Tokens:
    """Word tokens of a text with the facts the name rules need, in parallel lists."""

    def __init__(self, text: str, welsh: bool) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []  # end of the name part (possessive 's excluded)
        self.full_ends: list[int] = []
        self.keys: list[str] = []
        self.tiers: list[int] = []
        self.cap: list[bool] = []
        self.arabic: list[bool] = []
        self.possessive: list[bool] = []
        analyse = _analyse_token
        for m in _TOKEN_RE.finditer(text):
            offset, length, key, tier, cap, arabic, possessive = analyse(m.group(), welsh)
            start = m.start() + offset
            self.starts.append(start)
            self.ends.append(start + length)
            self.full_ends.append(m.end())
            self.keys.append(key)
            self.tiers.append(tier)
            self.cap.append(cap)
            self.arabic.append(arabic)
            self.possessive.append(possessive)

    def __len__(self) -> int:
        return len(self.starts)

    def is_initial(self, i: int) -> bool:
        """True if token ``i`` starts a sentence, where capitals say nothing about names."""
        pos = self.starts[i] - 1
        limit = max(-1, pos - 8)
        while pos > limit and self.text[pos] in _INITIAL_SKIP:
            pos -= 1
        return pos < 0 or pos == limit or self.text[pos] in _INITIAL_BREAK

    def adjacent(self, a: int, b: int) -> bool:
        """Tokens ``a`` < ``b`` are neighbours separated only by a space or two."""
        if self.possessive[a]:
            return False
        gap = self.text[self.full_ends[a] : self.starts[b]]
        return gap in (" ", "  ", "\u00a0")


_SENTENCE_START_RE = re.compile(r"(?:^|[.!?\n]\s{0,3})[\"'“‘(]?([^\W\d_])|\bi\b")


def _lowercase_style(text: str, welsh: bool) -> bool:
    """Does the writer use capitals at all? If not, a lowercase listed name still counts.

    Votes over the first letters of sentences and, except in Welsh where "i" means "to",
    the pronoun "i" written in lowercase.
    """
    lower = upper = 0
    for m in _SENTENCE_START_RE.finditer(text, 0, 4000):
        first = m.group(1)
        if first is None:
            lower += not welsh
        elif first.islower():
            lower += 1
        elif first.isupper():
            upper += 1
    return lower > upper


def _shouting(text: str) -> bool:
    """Is the text written in capitals ("ME AND ANNA WALKED TO THE SEA")? Then capitals say
    nothing about names: only listed names count, as in a text written all in lowercase."""
    upper = lower = 0
    for ch in text[:4000]:
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    return upper >= 12 and upper >= 4 * lower


def _cue_targets(text: str, tokens: _Tokens) -> list[tuple[str, int]]:
    """(cue kind, index of the token that starts right where the cue phrase ends)."""
    targets: list[tuple[str, int]] = []
    for m in _CUE_RE.finditer(text):
        idx = bisect.bisect_left(tokens.starts, m.end())
        if idx < len(tokens) and tokens.starts[idx] - m.end() <= 1 and m.lastgroup:
            targets.append((m.lastgroup, idx))
    return targets


def _find_names(text: str, welsh: bool) -> list[_Candidate]:
    tokens = _Tokens(text, welsh)
    n = len(tokens)
    if n == 0:
        return []
    lowercase = _lowercase_style(text, welsh)
    if _shouting(text):
        lowercase = True
        tokens.cap = [False] * n
    tiers, cap, arabic, keys = tokens.tiers, tokens.cap, tokens.arabic, tokens.keys
    mark = [False] * n
    forced = [False] * n  # marked by a title or cue: survives the institution-word check
    listed = (_NAME, _AMBIG, _PLACE, _STRICT_NAME)

    def force(i: int) -> None:
        mark[i] = True
        forced[i] = True

    # 1. Seeds from the lists.
    for i in range(n):
        tier = tiers[i]
        if arabic[i]:
            if tier == _NAME:
                mark[i] = True
            continue
        if tier == _NAME:
            mark[i] = cap[i] or (lowercase and len(keys[i]) >= 3)
        elif tier == _AMBIG and cap[i]:
            mark[i] = (
                tokens.possessive[i]
                or not tokens.is_initial(i)
                or (i + 1 < n and keys[i + 1] in _PERSON_VERBS and tokens.adjacent(i, i + 1))
            )
        elif tier == _PLACE and cap[i] and not tokens.is_initial(i):
            mark[i] = not (i > 0 and keys[i - 1] in _LOCATIVES)

    # 2. Seeds from titles and cue phrases (these also catch names that are in no list).
    for i in range(n - 1):
        j = i + 1
        if arabic[i]:
            if keys[i] in _AR_CUES_STRONG or keys[i] in _AR_CUES_RELATION:
                if tiers[j] not in (_COMMON, _STOP) and tokens.starts[j] - tokens.ends[i] <= 3:
                    force(j)
            continue
        if keys[i] in _TITLES and (cap[i] or lowercase):
            gap = text[tokens.ends[i] : tokens.starts[j]]
            if (
                gap in (" ", ". ", "  ", ".")
                and (cap[j] or arabic[j])
                and tiers[j] != _COMMON
                and keys[j] not in _TITLES
            ):
                force(j)
    for kind, j in _cue_targets(text, tokens):
        if kind == "strong":
            ok = tiers[j] not in (_COMMON, _STOP)
        elif kind == "called":
            ok = tiers[j] == _NAME or (cap[j] and tiers[j] in (_AMBIG, _PLACE, _UNKNOWN))
        elif kind == "relation":
            ok = (
                (arabic[j] and tiers[j] not in (_COMMON, _STOP))
                or (cap[j] and tiers[j] != _STOP and not tokens.is_initial(j))
                or tiers[j] == _NAME
            )
        else:
            ok = cap[j] and tiers[j] in (_NAME, _AMBIG, _UNKNOWN)
        if ok and keys[j] not in _TITLES:  # "with Auntie X": the title rule takes X
            force(j)

    # "عبد الرحمن": the servant-of compound is one given name.
    for i in range(n - 1):
        if arabic[i] and keys[i] == "عبد" and arabic[i + 1] and keys[i + 1].startswith("ال"):
            mark[i] = mark[i + 1] = True

    # 3. Grow marked tokens into full names over neighbouring capitalised tokens.
    def can_join(i: int) -> bool:
        if keys[i] in _TITLES or (cap[i] and keys[i] in _WELSH_STREET_KEYS):
            return False
        if arabic[i]:
            return tiers[i] in listed or (
                keys[i].startswith("ال") and len(keys[i]) >= 4 and tiers[i] == _UNKNOWN
            )
        if tiers[i] in listed or tiers[i] == _UNKNOWN:
            return cap[i] or (lowercase and tiers[i] == _NAME)
        return False

    run = 0
    for i in range(1, n):
        if mark[i - 1] and tokens.adjacent(i - 1, i):
            run += 1
            if run >= 5:
                continue
            if not mark[i] and can_join(i):
                mark[i] = True
            elif (
                not mark[i]
                and i + 1 < n
                and (keys[i] in _NAME_PARTICLES or (arabic[i] and keys[i] in _AR_PARTICLES))
                and tokens.adjacent(i, i + 1)
                and can_join(i + 1)
            ):
                mark[i] = mark[i + 1] = True
        else:
            run = 0
    for i in range(n - 2, -1, -1):
        if mark[i + 1] and not mark[i] and tokens.adjacent(i, i + 1):
            if welsh and tiers[i] == _UNKNOWN and tokens.is_initial(i):
                continue  # Welsh puts the verb first: "Cafodd Elis", "Aeth Cerys"
            if can_join(i) and not (arabic[i] and keys[i].startswith("ال")):
                mark[i] = True
            elif arabic[i] and keys[i] in _AR_PARTICLES:
                mark[i] = True
    # Lists of people: "Siân, Habtom and Dawit", "Bożydar and Krzysztof".
    for i in range(1, n):
        if mark[i] or not cap[i] or tiers[i] not in (_UNKNOWN, _AMBIG):
            continue
        if keys[i] in _WELSH_STREET_KEYS:
            continue
        for p in (i - 1, i - 2):
            if p >= 0 and mark[p] and not tokens.possessive[p]:
                gap = text[tokens.full_ends[p] : tokens.starts[i]]
                if _is_conjunction(gap, welsh) and not tokens.is_initial(i):
                    mark[i] = True
                    break
    for i in range(n - 2, -1, -1):
        if mark[i] or not cap[i] or tiers[i] != _UNKNOWN or tokens.possessive[i]:
            continue
        for q in (i + 1, i + 2):
            if q < n and mark[q] and cap[q]:
                gap = text[tokens.full_ends[i] : tokens.starts[q]]
                if _is_conjunction(gap, welsh) and gap.strip() not in ("", ","):
                    mark[i] = True
                    break

    # 4. Collect runs; drop those that are part of a building or street name.
    found: list[_Candidate] = []
    i = 0
    while i < n:
        if not mark[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and mark[j + 1] and tokens.adjacent(j, j + 1):
            j += 1
        if _is_title(tokens, i) or (
            not any(forced[i : j + 1])
            and (_is_place_name(tokens, i, j) or _is_thing_name(tokens, i, j))
        ):
            i = j + 1
            continue
        found.append((tokens.starts[i], tokens.ends[j], PIIType.NAME))
        i = j + 1
    return found


def _is_conjunction(gap: str, welsh: bool) -> bool:
    """A comma, "and" or "&" between two names (Welsh "a"/"ac" only in Welsh text)."""
    if not _CONJUNCTIONS_RE.fullmatch(gap):
        return False
    return welsh or gap.strip().lower() not in ("a", "ac")


def _is_place_name(tokens: _Tokens, first: int, last: int) -> bool:
    """Part of a place, not a person: "Prince Charles Hospital", "Morgan Street", "St David's",
    "Heol y Bryn"."""
    if first > 0 and tokens.keys[first - 1] in _SAINT_WORDS and tokens.cap[first - 1]:
        gap = tokens.text[tokens.full_ends[first - 1] : tokens.starts[first]]
        if gap in (" ", ". "):
            return True
    before = tokens.text[max(0, tokens.starts[first] - 24) : tokens.starts[first]]
    street = re.search(r"(\S+)\s{1,2}(?:(?:y|yr)\s{1,2}|['’]r\s{1,2})?$", before)
    if (
        street
        and street.group(1)[:1].isupper()
        and _latin_key(street.group(1)) in _WELSH_STREET_KEYS
    ):
        return True
    nxt = last + 1
    if nxt < len(tokens) and tokens.cap[nxt] and tokens.keys[nxt] in _INSTITUTION_WORDS:
        gap = tokens.text[tokens.full_ends[last] : tokens.starts[nxt]]
        return gap in (" ", "  ")
    return False


def _is_thing_name(tokens: _Tokens, first: int, last: int) -> bool:
    """Part of a named thing: "Stanley Cup", "Valentine's Day", "a Sherlock Holmes
    collection", "Harry Potter and the Cursed Child"."""
    if first == last and first > 0 and tokens.keys[first] in _THING_WORDS:
        # "Valentine's Day", "Fun Day": the word alone, after the capitalised word it ends
        prev = first - 1
        gap = tokens.text[tokens.full_ends[prev] : tokens.starts[first]]
        if gap == " " and tokens.cap[prev] and tokens.keys[prev] not in _FUNCTION_WORDS:
            return True
    nxt = last + 1
    if nxt >= len(tokens):
        return False
    gap = tokens.text[tokens.full_ends[last] : tokens.starts[nxt]]
    key = tokens.keys[nxt]
    if gap in (" ", "  ") and tokens.cap[nxt] and key in _THING_WORDS:
        return tokens.possessive[last] or tokens.tiers[nxt] not in (_NAME, _AMBIG, _PLACE)
    if gap == " " and not tokens.cap[nxt] and key in _TITLE_TAILS and not tokens.possessive[last]:
        return True
    if gap == " " and key == "and" and nxt + 2 < len(tokens):
        return (
            tokens.keys[nxt + 1] == "the" and tokens.cap[nxt + 2] and tokens.cap[nxt + 1] is False
        )
    return False


def _is_title(tokens: _Tokens, first: int) -> bool:
    """A run straight after a noun naming a work or business is its title: "my favorite
    show (Suits)", "the film called Frozen", "the band Queen"."""
    if first == 0:
        return False
    before = tokens.text[max(0, tokens.starts[first] - 40) : tokens.starts[first]]
    lead = _TITLE_LEAD_RE.search(before)
    if lead is None:
        return False
    head = before[: lead.start()].rstrip().rsplit(None, 1)
    return bool(head) and _latin_key(head[-1]) in _MEDIA_NOUNS

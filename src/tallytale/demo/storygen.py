"""Deterministic generator of believable, labelled participant stories for demos and benchmarks.

Why: theme discovery, redaction and the story pages need realistic text to be exercised and
measured against, and real participant stories must never leave a programme. This module writes
short first-person stories of the kind community researchers collect (a deaf peer-support group,
asylum seekers at a drop-in, a Welsh valley time-credit scheme, an older people's lunch club, a
youth project), each with a known primary theme, an optional secondary theme and a sentiment, so
that an unsupervised method can be scored against ground truth (NMI/ARI).

Design:

* A small hand-written grammar: per theme, sentence templates with inline alternatives
  (``{a|b|c}``) and named slots filled from per-theme and shared lexicons, so stories of one theme
  vary in wording; shared words ("group", "help", "people", "felt") and deliberate overlaps between
  themes (loneliness in friendship and in negative stories; GP in services and mental health;
  time credits in money, volunteering and family) keep themes from being trivially separable.
* English, Welsh (``cy``) and Arabic (``ar``) fragments, written for this module.
* Optional personal data (names, 07700 900xxx phone numbers from Ofcom's drama range, e-mail
  addresses at example.* domains, Welsh-valley-style postcodes) so redaction has work to do; the
  exact strings inserted are returned in :attr:`GeneratedStory.pii`.
* Pure Python, seeded with :class:`random.Random`: the same seed gives the same corpus on any
  machine and Python >= 3.11. About 100,000 short stories per second or two.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from random import Random
from typing import Literal, cast

__all__ = [
    "DEFAULT_LANGUAGES",
    "DEFAULT_THEME_WEIGHTS",
    "LANGUAGES",
    "OUTCOME_THEMES",
    "THEMES",
    "THEME_LABELS",
    "GeneratedStory",
    "generate_corpus",
    "generate_story",
    "weights_for_outcomes",
]

Length = Literal["short", "medium"]
Sentiment = Literal["positive", "mixed", "negative"]

THEMES: tuple[str, ...] = (
    "friendship",
    "physical_health",
    "mental_health",
    "money",
    "services",
    "safety",
    "skills",
    "volunteering",
    "family",
    "barriers",
    "negative",
)

THEME_LABELS: dict[str, str] = {
    "friendship": "Making friends, feeling less lonely",
    "physical_health": "Physical health",
    "mental_health": "Mental health and confidence",
    "money": "Money and the cost of living",
    "services": "Access to services (GP, housing, Home Office)",
    "safety": "Feeling safe",
    "skills": "Learning new skills",
    "volunteering": "Giving back and volunteering",
    "family": "Family",
    "barriers": "Barriers (transport, language, BSL access)",
    "negative": "It did not help / felt excluded",
}

#: Relative frequency of each theme when no ``theme`` or ``theme_weights`` is given.
DEFAULT_THEME_WEIGHTS: dict[str, float] = {
    "friendship": 1.4,
    "physical_health": 1.0,
    "mental_health": 1.2,
    "money": 1.0,
    "services": 0.9,
    "safety": 0.7,
    "skills": 0.9,
    "volunteering": 0.8,
    "family": 0.8,
    "barriers": 0.8,
    "negative": 0.6,
}

LANGUAGES: tuple[str, ...] = ("en", "cy", "ar")
DEFAULT_LANGUAGES: dict[str, float] = {"en": 0.85, "cy": 0.10, "ar": 0.05}

#: Survey outcomes the demo links to stories: answering "yes" makes these themes likelier.
OUTCOME_THEMES: dict[str, tuple[str, ...]] = {
    "made_new_friends": ("friendship",),
    "less_lonely": ("friendship", "mental_health"),
    "feel_healthier": ("physical_health",),
    "more_confident": ("mental_health", "skills"),
    "money_worries": ("money",),
    "got_help_with_services": ("services",),
    "feel_safer": ("safety",),
    "learned_something": ("skills",),
    "volunteered": ("volunteering",),
    "family_better": ("family",),
    "hard_to_attend": ("barriers",),
    "did_not_help": ("negative",),
}


@dataclass(frozen=True, slots=True)
class GeneratedStory:
    """One synthetic story and its ground truth.

    ``pii`` lists the exact personal-data strings planted in ``text`` (empty unless
    ``pii_rate`` > 0), so redaction can be tested for recall. ``group`` is the programme context
    (deaf, asylum, valley, lunch, youth).
    """

    text: str
    language: str
    theme: str
    secondary_theme: str | None
    sentiment: Sentiment
    title: str
    group: str = ""
    pii: tuple[str, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------------------------
# Template compilation. "{a|b}" = inline alternatives, "{name}" = lexicon slot,
# "{place}", "{at}", "{to}" = the story's programme context in the story's language.
# --------------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{([^{}]*)\}")
_CONTEXT_SLOTS = {"place": 0, "at": 1, "to": 2}

Part = str | tuple[str, ...] | int
Template = tuple[Part, ...]


def _compile(template: str, lexicon: Mapping[str, tuple[str, ...]]) -> Template:
    parts: list[Part] = []
    pos = 0
    for m in _SLOT.finditer(template):
        if m.start() > pos:
            parts.append(template[pos : m.start()])
        body = m.group(1)
        if "|" in body:
            parts.append(tuple(body.split("|")))
        elif body in _CONTEXT_SLOTS:
            parts.append(_CONTEXT_SLOTS[body])
        elif body in lexicon:
            parts.append(lexicon[body])
        else:  # pragma: no cover - a typo in the grammar below
            raise KeyError(f"unknown slot {{{body}}} in template {template!r}")
        pos = m.end()
    if pos < len(template):
        parts.append(template[pos:])
    # Merge adjacent literal strings so rendering does less work.
    merged: list[Part] = []
    for p in parts:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + p
        else:
            merged.append(p)
    return tuple(merged)


def _render(template: Template, rng: Random, ctx: tuple[str, str, str]) -> str:
    out: list[str] = []
    for p in template:
        if type(p) is str:
            out.append(p)
        elif type(p) is tuple:
            out.append(p[int(rng.random() * len(p))])
        else:
            out.append(ctx[p])  # type: ignore[index]
    s = "".join(out)
    if s and s[0].islower():
        s = s[0].upper() + s[1:]
    return s


# --------------------------------------------------------------------------------------------
# Programme contexts: (place, at-place, to-place) phrases per language.
# --------------------------------------------------------------------------------------------

_GROUPS: tuple[str, ...] = ("deaf", "asylum", "valley", "lunch", "youth")

_CONTEXTS: dict[str, dict[str, tuple[tuple[str, str, str], ...]]] = {
    "en": {
        "deaf": (
            ("the deaf club", "at the deaf club", "to the deaf club"),
            ("the peer support group", "at the peer support group", "to the peer support group"),
            ("the BSL group", "at the BSL group", "to the BSL group"),
            ("the group", "at the group", "to the group"),
        ),
        "asylum": (
            ("the drop-in", "at the drop-in", "to the drop-in"),
            ("the welcome centre", "at the welcome centre", "to the welcome centre"),
            ("the conversation club", "at the conversation club", "to the conversation club"),
            ("the centre", "at the centre", "to the centre"),
        ),
        "valley": (
            ("the time credit scheme", "with the time credit scheme", "to the time credit scheme"),
            ("the community centre", "at the community centre", "to the community centre"),
            ("the time bank", "with the time bank", "to the time bank"),
            ("the project", "at the project", "to the project"),
        ),
        "lunch": (
            ("the lunch club", "at the lunch club", "to the lunch club"),
            ("the Friday lunch club", "at the Friday lunch club", "to the Friday lunch club"),
            ("the over-60s club", "at the over-60s club", "to the over-60s club"),
            ("the club", "at the club", "to the club"),
        ),
        "youth": (
            ("the youth club", "at the youth club", "to the youth club"),
            ("the youth project", "at the youth project", "to the youth project"),
            ("the Tuesday night session", "at the Tuesday night session", "to the Tuesday session"),
            ("the group", "at the group", "to the group"),
        ),
    },
    "cy": {
        "deaf": (("y clwb byddar", "yn y clwb byddar", "i'r clwb byddar"),),
        "valley": (
            ("y ganolfan gymunedol", "yn y ganolfan gymunedol", "i'r ganolfan gymunedol"),
            ("y cynllun credydau amser", "gyda'r cynllun credydau amser", "i'r cynllun"),
            ("y grŵp", "yn y grŵp", "i'r grŵp"),
        ),
        "lunch": (
            ("y clwb cinio", "yn y clwb cinio", "i'r clwb cinio"),
            ("y clwb", "yn y clwb", "i'r clwb"),
        ),
        "youth": (
            ("y clwb ieuenctid", "yn y clwb ieuenctid", "i'r clwb ieuenctid"),
            ("y prosiect ieuenctid", "yn y prosiect ieuenctid", "i'r prosiect ieuenctid"),
        ),
    },
    "ar": {
        "asylum": (
            ("المركز", "في المركز", "إلى المركز"),
            ("المجموعة", "في المجموعة", "إلى المجموعة"),
            ("نادي المحادثة", "في نادي المحادثة", "إلى نادي المحادثة"),
            ("مركز الترحيب", "في مركز الترحيب", "إلى مركز الترحيب"),
        ),
    },
}

# Which programmes each language's stories come from (relative weights).
_GROUP_WEIGHTS: dict[str, dict[str, float]] = {
    "en": {"deaf": 1.0, "asylum": 1.0, "valley": 1.2, "lunch": 1.2, "youth": 1.0},
    "cy": {"valley": 2.0, "lunch": 1.5, "youth": 1.0, "deaf": 0.3},
    "ar": {"asylum": 1.0},
}

# --------------------------------------------------------------------------------------------
# English grammar
# --------------------------------------------------------------------------------------------

_EN_SHARED: dict[str, tuple[str, ...]] = {
    "time": (
        "every week",
        "on Tuesdays",
        "every Friday",
        "twice a week",
        "once a month",
        "most weeks",
        "on Thursday mornings",
    ),
    "staff": (
        "the staff",
        "the volunteers",
        "the coordinator",
        "one of the volunteers",
        "the support worker",
        "the youth workers",
        "the people who run it",
    ),
    "since": (
        "about a year ago",
        "last spring",
        "three months ago",
        "after my operation",
        "when I arrived in Wales",
        "during lockdown",
        "two years ago",
    ),
    "venue": (
        "community centre",
        "church hall",
        "library",
        "chapel vestry",
        "youth centre",
        "school hall",
    ),
    "number": ("ten", "twenty", "fifteen", "a dozen", "thirty"),
}

_EN_OPENERS: tuple[str, ...] = (
    "I {have been coming|started coming|started going} {to} {since}.",
    "{My GP|A friend|My daughter|My support worker|A leaflet|My neighbour} {told me about|sent me to|suggested} {place}.",
    "I come {to} {time}.",
    "{place} {meets|runs} {time} in the {venue}.",
    "I first went {to} {since} and I have kept going.",
    "{There are|We are} about {number} of us {at} now.",
)

_EN_FILLERS: tuple[str, ...] = (
    "It is {a good group|friendly|well run|a nice bunch of people}.",
    "The {tea|coffee|food|soup} is {good|always hot|not bad}.",
    "{There are|We are} about {number} of us most weeks.",
    "We meet in the {venue}.",
    "{Some weeks are busy|It is quiet some weeks|It depends on the week}.",
)

_EN_CLOSERS: dict[str, tuple[str, ...]] = {
    "positive": (
        "{I would recommend it to anyone|I would tell anyone to go}.",
        "{I am really grateful|Thank you to everyone there}.",
        "Thank you so much to {staff}.",
        "{I don't know what I would do without it|It has made a real difference to me|It has changed my life, honestly}.",
        "I {hope|really hope} it {keeps going|carries on|never stops}.",
    ),
    "mixed": (
        "{It helps, but it could be better|Some weeks are good, some are not}.",
        "It is good but {they need more support|it needs more money|they need more staff}.",
        "I hope they {sort it out|listen to us|fix the problems}.",
    ),
    "negative": (
        "{I hope it gets better|Maybe it works for other people|I would not go back}.",
        "{It's a shame really|I expected more|I wanted it to work}.",
    ),
}

_EN: dict[str, dict[str, object]] = {
    "friendship": {
        "lex": {
            "friends": (
                "new friends",
                "a few good friends",
                "people I can talk to",
                "real friends",
                "good mates",
                "friends for life",
                "people who understand me",
            ),
            "lonely": (
                "I was very lonely",
                "I hardly spoke to anyone",
                "I felt so isolated",
                "I was stuck in the house on my own",
                "I didn't have anyone to talk to",
                "the days were long and empty",
                "I only talked to the television",
            ),
        },
        "core": (
            "Before I started going {to} {lonely}.",
            "I have made {friends} {at}.",
            "{At the group|There} I met {friends} and now we meet up {time}.",
            "{Now|These days} I {am not lonely any more|don't feel so alone|have people to ring when I'm down|have someone to sit with}.",
            "We {have a laugh|have a chat and a cup of tea|share our stories|look out for each other} and {it feels like a family|I feel like I belong|nobody is left out}.",
            "I {never thought I would|didn't expect to} make {friends} at my age.",
            "{The best thing|What I like most} is the company and the {friendship|chat|laughter}.",
            "One of the {women|men|girls|lads} from the group {calls me every Sunday|knocks on my door to check on me|walks with me to the shop|came to visit me in hospital}.",
            "Meeting people {time} {got me out of the house|stopped me feeling lonely|gave me something to look forward to}.",
            "{Living on my own|Since my husband died|Since my wife died|Since I moved here|Being deaf in a hearing family} {I had lost touch with people|my world had got very small|I felt cut off from everyone}.",
            "Now I have {friends} {who sign|who speak my language|from the valley|my own age}.",
            "I {look forward to|can't wait for} seeing everyone {time}.",
            "{Loneliness|Isolation|Being on my own all the time} {was the worst part|was killing me|was really getting to me} before I found {place}.",
            "We {go for coffee|meet in town|message each other} {between sessions|at weekends|most days} now.",
        ),
        "titles": (
            "Not on my own any more",
            "Finding friends",
            "A cup of tea and a chat",
            "Like a family",
            "Someone to talk to",
        ),
    },
    "physical_health": {
        "lex": {
            "exercise": (
                "the walking group",
                "the exercise class",
                "chair yoga",
                "the gardening",
                "the swimming",
                "the football",
                "the dance class",
            ),
            "body": (
                "my legs are stronger",
                "my breathing is better",
                "my blood pressure is down",
                "my back doesn't hurt as much",
                "my balance is better",
                "my knees are less stiff",
            ),
        },
        "core": (
            "I {walk more|go swimming|do the chair exercises|play football|go on the walks} {time} and {body}.",
            "{exercise} {has helped my health|got me moving again|helped me lose weight|made me fitter}.",
            "I have lost {a stone|some weight|nearly two stone} since I started {exercise}.",
            "I {eat better now|have a proper hot meal|cook healthier food|eat more fruit and vegetables} because of {place}.",
            "My {doctor|nurse|diabetes nurse} said my {sugar levels have improved|blood pressure is much better|weight has come down|cholesterol is lower}.",
            "{I sleep better|I have more energy|I'm less tired|My joints are less stiff} {now|since I started|these days}.",
            "I had a {fall|hip operation|stroke|heart attack} {last year|two years ago} and {exercise} helped me {get my strength back|recover|walk again}.",
            "We learned about {healthy eating|exercise|looking after our bodies|diabetes} and {it made sense|it was in simple words}.",
            "I {stopped smoking|cut down on drinking|cut down on sugar} with support from {staff}.",
            "{Being active|Moving my body|Getting fresh air} {time} {is good for my health|keeps my body going|keeps me fit}.",
            "My physical health {was very poor|was not good|had got worse} {before|after the pandemic|when I was stuck indoors}.",
            "I can {climb the stairs|walk to the shop|play with my grandchildren|carry my shopping} without getting out of breath now.",
        ),
        "titles": (
            "Getting fitter",
            "Moving again",
            "Healthier and stronger",
            "Walking my way back",
        ),
    },
    "mental_health": {
        "lex": {
            "illness": (
                "anxiety",
                "depression",
                "panic attacks",
                "low mood",
                "bad nerves",
                "dark thoughts",
            ),
        },
        "core": (
            "My {confidence|self-esteem} {has grown|is much better|went up} since I {joined|started coming to} {place}.",
            "I used to {suffer with|struggle with|have} {illness} and {I couldn't leave the house|I stayed in bed most days|I didn't want to talk to anyone}.",
            "{I feel calmer|My mood is better|I feel happier in myself|I am less anxious} {now|these days|most days}.",
            "Talking to {staff} {helped my mental health|helped me cope|lifted my mood|gave me hope}.",
            "I {stood up and spoke|spoke in front of the group|led a session|made a phone call on my own} for the first time.",
            "I {believe in myself|feel stronger|feel like myself again|feel more confident} {now|again}.",
            "{Having a reason to get up|Having somewhere to go|Having a routine} {helps with my anxiety|keeps my head clear|keeps the dark thoughts away}.",
            "I was {referred by my GP|told about it by a friend} when I was {in a very bad place|struggling with my mental health|very depressed}.",
            "I am less {stressed|worried|anxious} and {more positive|more hopeful|more relaxed}.",
            "My {anxiety|depression|stress} {got so bad|was so bad} {that I stopped going out|that I couldn't sleep|that I lost my job}.",
            "{The group|Coming here|Talking things through} {helped me see I was not the only one|made me feel normal again|helped me feel better about myself}.",
            "I {can cope|manage my feelings|deal with my worries} much better {now|than before}.",
        ),
        "titles": (
            "Feeling like myself again",
            "Finding my confidence",
            "A reason to get up",
            "Calmer days",
        ),
    },
    "money": {
        "lex": {
            "support": (
                "sort out my benefits",
                "apply for Universal Credit",
                "get the warm home discount",
                "claim pension credit",
                "deal with my debts",
                "get a food bank voucher",
            ),
        },
        "core": (
            "{Money is tight|Things are very hard with money|The cost of living is crushing us|Prices have gone up so much} and {I can't afford to heat the house|I skip meals sometimes|we can't pay the bills|every penny counts}.",
            "{The free lunch|The food bank|The hot meal|The food parcel} {saves me money|means I can pay my electric|helps me get to the end of the week}.",
            "I use my time credits {to go swimming|for the cinema|for days out with the kids|instead of spending money} because {I could never afford it|money is tight}.",
            "{staff} helped me {support}.",
            "My {gas|electric|energy} bill {doubled|went through the roof|is more than I can pay}.",
            "I {found out|learned} I was entitled to {pension credit|extra benefits|help with my council tax|a grant for a new cooker}.",
            "Now I {budget better|have a bit more money|can buy school shoes|can top up the meter}.",
            "Before the {support|help} I {was in debt|was choosing between eating and heating|borrowed money to get by}.",
            "{My wages|My benefits|My savings} {don't cover the rent|are not enough to live on|run out before the end of the month}.",
            "{The asylum support|My pension|My Universal Credit} {is not enough to live on|does not cover the basics}.",
            "{The money advice|The budgeting session|The debt advice} {saved us hundreds of pounds|helped us pay off our debts|was really useful}.",
            "{We|I} can't afford {the bus fare|new clothes|to go out|a proper meal} most weeks.",
        ),
        "titles": (
            "Every penny counts",
            "Heating or eating",
            "Getting by",
            "Help with the bills",
        ),
    },
    "services": {
        "lex": {
            "service": (
                "get a GP appointment",
                "register with a doctor",
                "register with a dentist",
                "fill in the housing forms",
                "contact the council",
                "get a hospital appointment",
            ),
        },
        "core": (
            "{staff} helped me {service}.",
            "{I waited months|It took months|I waited ages} {for my Home Office decision|for a housing officer|to get a GP appointment}.",
            "The {Home Office letter|housing form|council letter|hospital letter} was {impossible to understand|very confusing}, so they {explained it to me|helped me fill it in|sat down with me}.",
            "They {came with me|went with me} to {my asylum interview|the hospital|the housing office|my appointment} {and helped me|so I was not alone}.",
            "Now I {know how to book|can book|understand how to get} {an appointment|a doctor|help from the council}.",
            "I {finally got|now have} {a place to live|a proper flat|my refugee status|a GP|an interpreter at appointments}.",
            "{They|{staff}} {referred me|signposted me|put me in touch} {to a solicitor|to the housing team|to a mental health service|to the right people}.",
            "{Getting to see a doctor|Sorting out housing|Dealing with the Home Office} {was very hard|felt impossible} on my own.",
            "{The GP surgery|The housing office|The council|The Home Office} {never replied|kept losing my papers|sent me from one office to another}.",
            "{My housing|My asylum claim|My appointment} {is sorted now|moved forward|finally happened} {with their help|because they chased it up}.",
            "They know {who to ring|how the system works|which forms to use} {when I am stuck|for housing and health}.",
        ),
        "titles": (
            "Someone to help with the forms",
            "Finally a GP",
            "A roof over my head",
            "Getting through the system",
        ),
    },
    "safety": {
        "lex": {},
        "core": (
            "{I feel safe|I feel safe and welcome|Nobody judges me} {at}.",
            "{Where I live|On my estate|In the hostel|At the hotel} {I don't feel safe|there is trouble at night|people shout at me}.",
            "{After what happened|After everything I went through|Since I left my country} {I was always afraid|I couldn't trust anyone|I jumped at every noise}.",
            "{Here|At the group} {I can relax|nobody will hurt me|I can be myself|I can trust people}.",
            "{They|{staff}} {helped me report|helped me deal with|told the police about} {the abuse|the harassment|the bullying|the man who was following me}.",
            "{The young people|We} talked about {staying safe online|knife crime|scams|keeping safe at night}.",
            "I {had a scam phone call|was targeted by scammers|got a fake letter} and {they|the group} {helped me|warned me|showed me what to do}.",
            "I {don't feel scared|am not frightened|feel protected} {any more|now}.",
            "It is {a safe space|somewhere I feel secure|a calm place} {away from everything|where I can breathe}.",
            "{Walking home in the dark|Going out at night|Being on my own in the flat} {used to frighten me|was scary|made me nervous}.",
            "{Safety|Feeling safe|Being safe} {matters most to me|is the most important thing|is what I needed}.",
        ),
        "titles": (
            "A safe place",
            "Not afraid any more",
            "Somewhere to breathe",
        ),
    },
    "skills": {
        "lex": {
            "skill": (
                "to cook",
                "to use a computer",
                "to use my phone",
                "English",
                "to sign",
                "first aid",
                "to grow vegetables",
                "to sew",
            ),
        },
        "core": (
            "I {learned|have learned|am learning} {skill} {at}.",
            "I {did a course|got a certificate|passed my test|finished the training} in {food hygiene|first aid|English|IT|childcare}.",
            "{staff} {taught me|showed me} how to {send emails|use video calls|fill in forms online|do online shopping}.",
            "Now I {can|am able to} {video call my grandchildren|read letters in English|cook a meal from scratch|fix my bike}.",
            "The {cooking class|computer class|English class|BSL class|woodwork session} {was brilliant|taught me a lot|was hard at first but I kept going}.",
            "I want to {go to college|get a job|do more courses|become a mechanic} {next year|now|one day}.",
            "I {got|found} {a job|an apprenticeship|a place at college|work experience} thanks to the {skills|course|training} I did here.",
            "{Learning something new|Learning new skills|Going back to learning} {at my age|after so long|in a new country} {was scary|was exciting|felt good}.",
            "I {practise|keep practising} {my English|my signing|my cooking|on the computer} {time}.",
            "{They|The volunteers|The youth workers} {teach|run classes in|help us learn} {cooking|IT|English|BSL|budgeting} {time}.",
            "I {never went to school properly|left school with nothing|never learned to read well}, so {this course|the class|the training} means a lot.",
        ),
        "titles": (
            "Never too late to learn",
            "New skills",
            "My first certificate",
            "Learning together",
        ),
    },
    "volunteering": {
        "lex": {
            "task": (
                "in the kitchen",
                "on the reception",
                "with the younger ones",
                "at the food bank",
                "in the community garden",
                "at the café",
                "on the minibus",
            ),
        },
        "core": (
            "I {volunteer|help out} {task} {time}.",
            "{Giving back|Helping others|Being useful} {makes me feel good|gives me a purpose|means a lot to me}.",
            "I earn time credits by {helping in the community garden|volunteering at the café|driving people to appointments|helping at events}.",
            "I {started as|came as} a {participant|member|visitor} and now I {run the group|am a volunteer|help run the sessions|am on the committee}.",
            "I {like|love} {being able to help|helping} {people who are new|newcomers|other deaf people|other people in the same situation} because I know how it feels.",
            "I {translate|interpret|sign} for {newcomers|other members|people at appointments}.",
            "{The community|The village|The valley} {has done so much for me|looked after me}, so I want to {give something back|do my bit}.",
            "We {raised money|organised a fun day|did a litter pick|cleaned up the park} for {the community|the village|the centre}.",
            "{Volunteering|Being a volunteer|Helping out} {gets me out of bed|gives my week a shape|makes me feel needed}.",
            "I {help|support|mentor} {new members|the young ones|people who just arrived} {now|these days|every week}.",
        ),
        "titles": (
            "Giving something back",
            "From member to volunteer",
            "Feeling useful again",
            "Doing my bit",
        ),
    },
    "family": {
        "lex": {
            "kin": (
                "children",
                "kids",
                "grandchildren",
                "daughter",
                "son",
                "husband",
                "wife",
            ),
        },
        "core": (
            "My {children|kids|grandchildren} {come with me|notice the difference|are proud of me|say I am happier}.",
            "{I spend more time|We spend more time|I have more time} with my {family|children|grandchildren} {now|these days}.",
            "{Being away from|Missing} my family {back home|in my country} {is very hard|breaks my heart}.",
            "{They|{staff}} helped me {bring my family here|apply for family reunion|find my brother|get in touch with my family}.",
            "As a {parent|single mum|dad|carer for my mother} {it is exhausting|I have no time for myself|I was struggling}.",
            "We {go on family days out|do activities together|cook together|play games} {with the time credits|with the group|now}.",
            "My {mum|dad|son|daughter} is deaf too and {now we sign together|we both come to the group|we understand each other better}.",
            "{The parenting group|The family sessions|The advice about the kids} helped {us as a family|me as a parent|me with my teenager}.",
            "{Home|Life at home|Family life} {is calmer now|is much better now|used to be very difficult}.",
            "My {kin} and I {talk more|get on better|understand each other better} {now|these days}.",
            "{Family|My family|Being a good parent} {means everything to me|is why I keep going|is the most important thing}.",
        ),
        "titles": (
            "Closer as a family",
            "For my children",
            "Missing home",
            "Family days",
        ),
    },
    "barriers": {
        "lex": {},
        "core": (
            "{The bus|Transport|Getting there} is {a problem|difficult|expensive} {because I live up the valley|because there is only one bus an hour|with my bad legs|because I have no car}.",
            "{Sometimes|Often} there is {no interpreter|no BSL interpreter|nobody who speaks Arabic|no Welsh speaker} {so I miss things|and I can't follow|at appointments}.",
            "As a deaf person I {can't use the phone|miss the announcements|can't ring the surgery}, {which is a big barrier|so I am shut out|and nobody thinks about it}.",
            "{My English is not good|I don't speak much English|Language is a barrier} so {forms are very hard|I need help with everything|I feel stupid sometimes}.",
            "{The building|The hall|The room} {is not accessible|has stairs|is too noisy|has bad lighting for lip reading}.",
            "{I want to come more|I would come every week} but {the bus fare|the taxi|the distance|my job} {stops me|makes it hard}.",
            "{Letters|Leaflets|Forms} {are only in English|are not in BSL|are too complicated}.",
            "{When the lift is broken|In winter|When it rains} {I can't get there|I miss the sessions}.",
            "{Booking|Everything} is online {now|these days} and {I don't have internet|I can't use a computer|my phone is too old}.",
            "{Without a car|With no bus on Sundays|Without a BSL interpreter} {it is hard to take part|I am left out}.",
        ),
        "titles": (
            "Hard to get there",
            "Lost in translation",
            "No interpreter again",
            "Barriers in the way",
        ),
    },
    "negative": {
        "lex": {},
        "core": (
            "{To be honest|Honestly|I have to say} it {didn't really help me|did not make much difference|wasn't for me}.",
            "I {felt left out|felt excluded|felt like an outsider|didn't feel welcome} {because everyone already knew each other|because of my age|because nobody signed|because of my accent}.",
            "{I stopped going|I only went twice|I gave up} {after a few weeks|because nothing changed|because it was always cancelled}.",
            "{The sessions|The activities|The meetings} {were cancelled a lot|kept changing|were boring|were not what I needed}.",
            "{Nobody|No one} {listened to me|followed up|called me back|asked what I wanted}.",
            "{The promises|What they said} {didn't happen|came to nothing}, and I {was disappointed|felt let down}.",
            "There {were cliques|was a clique} and {I sat on my own|nobody talked to me}.",
            "{It was|The funding ran out and it was} {shut down|closed} {just when it started to help|before I got anything from it}.",
            "I am still {lonely|struggling|in the same situation} after all this.",
            "{I felt|It felt like} {they didn't care|I was just a number|I was in the way}.",
            "{It was a waste of time|It was not worth it|It did nothing for me}, {sadly|to be fair|I'm afraid}.",
        ),
        "titles": (
            "It wasn't for me",
            "Left out",
            "Let down",
            "Not what I needed",
        ),
    },
}

# --------------------------------------------------------------------------------------------
# Welsh grammar (cy). Whole sentences, with mutations written out, so no slot needs mutating.
# --------------------------------------------------------------------------------------------

_CY_OPENERS: tuple[str, ...] = (
    "Dw i wedi bod yn dod {to} ers tua blwyddyn.",
    "Dwedodd {ffrind|fy merch|fy meddyg} wrtha i am {place}.",
    "Dw i'n mynd {to} bob wythnos.",
    "Dechreuais i ddod {to} {y llynedd|ar ôl y cyfnod clo|y gwanwyn diwethaf}.",
)

_CY_FILLERS: tuple[str, ...] = (
    "Mae'n grŵp {cyfeillgar|da|croesawgar}.",
    "Mae'r {te|cawl|bwyd} yn {dda|flasus}.",
    "Dyn ni'n cwrdd bob {dydd Mawrth|dydd Gwener|wythnos}.",
)

_CY_CLOSERS: dict[str, tuple[str, ...]] = {
    "positive": (
        "Dw i'n ddiolchgar iawn.",
        "Mae wedi gwneud gwahaniaeth mawr i mi.",
        "Byddwn i'n ei argymell i unrhyw un.",
    ),
    "mixed": (
        "Mae'n dda, ond mae angen mwy o gefnogaeth.",
        "Mae rhai wythnosau'n dda, a rhai ddim.",
    ),
    "negative": (
        "Gobeithio y bydd yn gwella.",
        "Fyddwn i ddim yn mynd yn ôl.",
    ),
}

_CY: dict[str, dict[str, object]] = {
    "friendship": {
        "core": (
            "Dw i wedi gwneud ffrindiau newydd {at}.",
            "Cyn i mi ddechrau dod {to}, ro'n i'n unig iawn.",
            "Nawr dw i ddim yn teimlo mor unig.",
            "Mae gen i bobl i siarad â nhw bob wythnos.",
            "Dyn ni'n cael paned a sgwrs ac mae'n teimlo fel teulu.",
            "Ro'n i'n aros yn y tŷ ar fy mhen fy hun drwy'r dydd.",
            "Y peth gorau yw'r cwmni a'r chwerthin.",
            "Mae un o'r menywod yn fy ffonio i bob dydd Sul.",
        ),
        "titles": ("Ffrindiau newydd", "Dim mor unig"),
    },
    "physical_health": {
        "core": (
            "Dw i'n cerdded mwy nawr ac mae fy nghoesau'n gryfach.",
            "Mae'r grŵp cerdded wedi helpu fy iechyd.",
            "Dw i wedi colli pwysau ers i mi ddechrau.",
            "Dw i'n bwyta'n well ac yn cael pryd poeth bob wythnos.",
            "Dwedodd y meddyg fod fy mhwysedd gwaed yn well.",
            "Mae'r dosbarth ymarfer corff yn dda i'm cefn.",
            "Dw i'n cysgu'n well ac mae gen i fwy o egni.",
        ),
        "titles": ("Yn fwy heini", "Iechyd gwell"),
    },
    "mental_health": {
        "core": (
            "Mae fy hyder wedi tyfu ers i mi ymuno â'r grŵp.",
            "Ro'n i'n dioddef o iselder a gorbryder.",
            "Dw i'n teimlo'n hapusach ac yn fwy hyderus nawr.",
            "Mae siarad gyda'r gwirfoddolwyr wedi helpu fy iechyd meddwl.",
            "Am y tro cyntaf, siaradais i o flaen y grŵp.",
            "Dw i'n teimlo'n llai pryderus y dyddiau 'ma.",
            "Mae cael rheswm i godi yn y bore yn help mawr.",
        ),
        "titles": ("Hyder newydd", "Teimlo'n well"),
    },
    "money": {
        "core": (
            "Mae costau byw wedi codi cymaint ac mae'n anodd talu'r biliau.",
            "Mae'r cinio am ddim yn arbed arian i mi.",
            "Dw i'n defnyddio fy nghredydau amser i fynd i nofio.",
            "Fe wnaeth y gweithiwr cymorth fy helpu i hawlio credyd pensiwn.",
            "Mae'r bil trydan wedi dyblu eleni.",
            "Does dim digon o arian i brynu bwyd ar ddiwedd y mis.",
            "Heb y banc bwyd, fydden ni ddim yn ymdopi.",
        ),
        "titles": ("Costau byw", "Pob ceiniog yn cyfrif"),
    },
    "services": {
        "core": (
            "Fe wnaethon nhw fy helpu i gael apwyntiad gyda'r meddyg teulu.",
            "Roedd llenwi'r ffurflenni tai yn amhosib ar fy mhen fy hun.",
            "Daeth gwirfoddolwr gyda fi i'r ysbyty.",
            "Nawr dw i'n gwybod sut i gysylltu â'r cyngor.",
            "Bues i'n aros am fisoedd am apwyntiad.",
            "Fe wnaethon nhw fy nghyfeirio at y tîm tai.",
        ),
        "titles": ("Help gyda'r ffurflenni", "Cael gweld y meddyg"),
    },
    "safety": {
        "core": (
            "Dw i'n teimlo'n ddiogel yma.",
            "Mae'n lle diogel a chroesawgar.",
            "Does neb yn fy marnu i yma.",
            "Ar y stad lle dw i'n byw, dw i ddim yn teimlo'n ddiogel yn y nos.",
            "Fe wnaethon nhw fy helpu i roi gwybod i'r heddlu.",
            "Dysgon ni sut i osgoi sgamiau ar y ffôn.",
        ),
        "titles": ("Lle diogel",),
    },
    "skills": {
        "core": (
            "Dw i wedi dysgu defnyddio cyfrifiadur.",
            "Dw i wedi dysgu coginio prydau iach.",
            "Ces i dystysgrif cymorth cyntaf.",
            "Dangosodd gwirfoddolwr i mi sut i anfon e-bost.",
            "Nawr dw i'n gallu ffonio fy wyrion ar fideo.",
            "Dw i eisiau mynd i'r coleg y flwyddyn nesa.",
            "Dw i'n dysgu Iaith Arwyddion Prydain.",
        ),
        "titles": ("Sgiliau newydd", "Byth yn rhy hwyr i ddysgu"),
    },
    "volunteering": {
        "core": (
            "Dw i'n gwirfoddoli yn y gegin bob wythnos.",
            "Mae helpu pobl eraill yn rhoi pwrpas i mi.",
            "Dw i'n ennill credydau amser drwy helpu yn yr ardd gymunedol.",
            "Des i fel aelod, a nawr dw i'n helpu i redeg y grŵp.",
            "Mae'r pentref wedi gwneud cymaint i mi, felly dw i eisiau rhoi rhywbeth yn ôl.",
            "Dw i'n gyrru pobl i'w hapwyntiadau.",
        ),
        "titles": ("Rhoi rhywbeth yn ôl", "Gwirfoddoli"),
    },
    "family": {
        "core": (
            "Mae fy mhlant yn dweud fy mod i'n hapusach.",
            "Dw i'n treulio mwy o amser gyda'r wyrion nawr.",
            "Dyn ni'n mynd ar dripiau teulu gyda'r credydau amser.",
            "Mae fy merch yn falch ohona i.",
            "Fel mam sengl, ro'n i'n cael trafferth.",
            "Mae bywyd gartref yn dawelach nawr.",
        ),
        "titles": ("Y teulu", "Amser gyda'r plant"),
    },
    "barriers": {
        "core": (
            "Dim ond un bws yr awr sydd lan y cwm.",
            "Mae'r bws yn rhy ddrud i mi.",
            "Yn aml does dim dehonglydd BSL yn yr apwyntiadau.",
            "Mae'r llythyrau i gyd yn Saesneg yn unig.",
            "Mae'r neuadd yn rhy swnllyd i mi ddarllen gwefusau.",
            "Yn y gaeaf dw i ddim yn gallu cyrraedd y ganolfan.",
        ),
        "titles": ("Anodd cyrraedd", "Rhwystrau"),
    },
    "negative": {
        "core": (
            "A dweud y gwir, wnaeth e ddim helpu llawer.",
            "Ro'n i'n teimlo'n unig ac ar y tu allan.",
            "Roedd pawb yn nabod ei gilydd yn barod.",
            "Stopiais i fynd ar ôl ychydig wythnosau.",
            "Cafodd y sesiynau eu canslo yn aml.",
            "Doedd neb yn gwrando arna i.",
            "Ro'n i'n siomedig iawn.",
        ),
        "titles": ("Ddim i mi", "Siomedig"),
    },
}

# --------------------------------------------------------------------------------------------
# Arabic grammar (ar): asylum-seeker drop-in context.
# --------------------------------------------------------------------------------------------

_AR_OPENERS: tuple[str, ...] = (
    "أحضر {to} منذ سنة تقريباً.",
    "أخبرني {صديق|جاري|الأخصائي الاجتماعي} عن {place}.",
    "أذهب {to} كل أسبوع.",
)

_AR_FILLERS: tuple[str, ...] = (
    "الناس هنا لطفاء.",
    "نلتقي كل يوم {ثلاثاء|خميس|جمعة}.",
    "الشاي والطعام جيدان.",
)

_AR_CLOSERS: dict[str, tuple[str, ...]] = {
    "positive": ("أنا ممتن جداً.", "لقد غيّر هذا حياتي.", "شكراً لكل الفريق."),
    "mixed": ("الأمر جيد، لكنهم يحتاجون إلى دعم أكثر.",),
    "negative": ("أتمنى أن يتحسن الوضع.", "لن أعود إلى هناك."),
}

_AR: dict[str, dict[str, object]] = {
    "friendship": {
        "core": (
            "تعرفت على أصدقاء جدد {at}.",
            "قبل أن آتي {to}، كنت أشعر بالوحدة الشديدة.",
            "الآن لا أشعر بالوحدة كما كنت.",
            "أصبح لدي أشخاص أتحدث معهم كل أسبوع.",
            "نشرب الشاي ونتحدث ونضحك معاً.",
            "كنت أبقى في الغرفة وحدي طوال اليوم.",
            "أجمل شيء هو الصحبة والأصدقاء.",
        ),
        "titles": ("أصدقاء جدد", "لست وحدي"),
    },
    "physical_health": {
        "core": (
            "أمشي أكثر الآن وصحتي أفضل.",
            "ساعدتني مجموعة المشي على تحسين صحتي.",
            "أصبحت آكل طعاماً صحياً أكثر.",
            "قال لي الطبيب إن ضغط الدم أصبح أفضل.",
            "ألعب كرة القدم مع الشباب كل أسبوع.",
            "أنام بشكل أفضل ولدي طاقة أكثر.",
        ),
        "titles": ("صحة أفضل",),
    },
    "mental_health": {
        "core": (
            "زادت ثقتي بنفسي منذ أن انضممت إلى المجموعة.",
            "كنت أعاني من الاكتئاب والقلق.",
            "أشعر الآن بالهدوء والأمل.",
            "الحديث مع المتطوعين ساعدني على التحمل.",
            "لأول مرة تحدثت أمام المجموعة.",
            "أصبحت أقل توتراً وأكثر تفاؤلاً.",
        ),
        "titles": ("ثقة جديدة", "أمل من جديد"),
    },
    "money": {
        "core": (
            "الأسعار ارتفعت كثيراً والمال لا يكفي.",
            "الوجبة المجانية توفر لي المال.",
            "نحصل على طرد غذائي من بنك الطعام كل أسبوع.",
            "ساعدوني في التقديم على المساعدة المالية.",
            "لا أستطيع دفع فاتورة الكهرباء.",
            "المبلغ الذي نحصل عليه قليل جداً.",
        ),
        "titles": ("المال لا يكفي",),
    },
    "services": {
        "core": (
            "ساعدوني في التسجيل عند طبيب عام.",
            "انتظرت شهوراً لقرار وزارة الداخلية.",
            "رسالة وزارة الداخلية كانت صعبة الفهم، فشرحوها لي.",
            "ذهب معي متطوع إلى المستشفى.",
            "ساعدوني في الحصول على سكن.",
            "الآن أعرف كيف أحجز موعداً عند الطبيب.",
            "ساعدوني في إيجاد محامٍ لقضية اللجوء.",
        ),
        "titles": ("مساعدة في الأوراق", "طبيب وسكن"),
    },
    "safety": {
        "core": (
            "أشعر بالأمان هنا.",
            "المركز مكان آمن ومرحب.",
            "في الفندق لا أشعر بالأمان في الليل.",
            "بعد كل ما مررت به، كنت خائفاً دائماً.",
            "هنا لا أحد يحكم علي.",
            "ساعدوني في إبلاغ الشرطة.",
        ),
        "titles": ("مكان آمن",),
    },
    "skills": {
        "core": (
            "أتعلم اللغة الإنجليزية في الصف كل أسبوع.",
            "تعلمت استخدام الكمبيوتر.",
            "حصلت على شهادة في الإسعافات الأولية.",
            "الآن أستطيع قراءة الرسائل بالإنجليزية.",
            "أريد أن أدرس في الكلية السنة القادمة.",
            "تعلمت الطبخ البريطاني في ورشة الطبخ.",
        ),
        "titles": ("مهارات جديدة", "أتعلم الإنجليزية"),
    },
    "volunteering": {
        "core": (
            "أتطوع في المطبخ كل أسبوع.",
            "مساعدة الآخرين تعطيني معنى لحياتي.",
            "أترجم للقادمين الجدد إلى العربية.",
            "جئت كمشارك والآن أنا متطوع.",
            "أريد أن أرد الجميل للمجتمع.",
        ),
        "titles": ("رد الجميل",),
    },
    "family": {
        "core": (
            "عائلتي ما زالت في بلدي وأنا أشتاق إليهم كثيراً.",
            "ساعدوني في طلب لم شمل العائلة.",
            "أطفالي سعداء في المدرسة الآن.",
            "أقضي وقتاً أكثر مع أولادي.",
            "زوجتي وأطفالي يأتون معي إلى النشاطات.",
        ),
        "titles": ("عائلتي",),
    },
    "barriers": {
        "core": (
            "لا أتكلم الإنجليزية جيداً، لذلك كل شيء صعب.",
            "في المواعيد لا يوجد مترجم في أغلب الأحيان.",
            "أجرة الحافلة غالية ولا أستطيع دفعها.",
            "الرسائل كلها بالإنجليزية فقط.",
            "المركز بعيد عن الفندق.",
        ),
        "titles": ("صعوبات",),
    },
    "negative": {
        "core": (
            "بصراحة، لم يساعدني ذلك كثيراً.",
            "شعرت أنني غريب وغير مرحب بي.",
            "توقفت عن الذهاب بعد أسابيع قليلة.",
            "كانت الجلسات تُلغى كثيراً.",
            "لم يستمع إلي أحد.",
            "ما زلت وحيداً كما كنت.",
        ),
        "titles": ("لم يساعدني",),
    },
}

# --------------------------------------------------------------------------------------------
# Personal data (fictional): names, 07700 900xxx numbers, example.* e-mails, postcodes.
# --------------------------------------------------------------------------------------------

_FIRST_EN = (
    "Sarah", "Gareth", "Megan", "Rhys", "Sian", "Dylan", "Carys", "Tom", "Jean", "Dai",
    "Bethan", "Owen", "Ahmed", "Fatima", "Yusuf", "Amina", "Hassan", "Mariam", "Joyce", "Ken",
)  # fmt: skip
_LAST_EN = (
    "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis",
    "Morgan", "Price", "Ali", "Hassan", "Mohammed", "Khan", "Smith", "Taylor",
)  # fmt: skip
_FIRST_AR = ("أحمد", "فاطمة", "يوسف", "أمينة", "حسن", "مريم", "خالد", "سارة", "عمر", "ليلى")
_LAST_AR = ("علي", "حسن", "محمد", "إبراهيم", "السيد", "عثمان")
_POSTCODE_AREAS = tuple(f"CF{n}" for n in range(37, 49)) + ("SA10", "SA11", "NP22", "NP23")
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # inward-code letters (no C, I, K, M, O, V)


def _pii_values(rng: Random, language: str) -> dict[str, str]:
    if language == "ar":
        first, last = rng.choice(_FIRST_AR), rng.choice(_LAST_AR)
        latin_first, latin_last = rng.choice(_FIRST_EN[12:16]), rng.choice(_LAST_EN[10:14])
    else:
        first, last = rng.choice(_FIRST_EN), rng.choice(_LAST_EN)
        latin_first, latin_last = first, last
    domain = rng.choice(("example.com", "example.org", "example.net"))
    email = f"{latin_first.lower()}.{latin_last.lower()}{rng.randrange(10, 100)}@{domain}"
    phone = f"07700 900{rng.randrange(1000):03d}"
    postcode = (
        f"{rng.choice(_POSTCODE_AREAS)} {rng.randrange(1, 10)}"
        f"{rng.choice(_POSTCODE_LETTERS)}{rng.choice(_POSTCODE_LETTERS)}"
    )
    return {"name": f"{first} {last}", "phone": phone, "email": email, "postcode": postcode}


_PII_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "name": ("My name is {}.", "I'm {}, by the way.", "This is {} speaking."),
        "phone": (
            "You can ring me on {} if you want to know more.",
            "My number is {}.",
            "Text me on {}.",
        ),
        "email": ("My email is {}.", "You can email me at {}."),
        "postcode": ("I live in {}.", "My postcode is {}.", "We are at {} if you want to visit."),
    },
    "cy": {
        "name": ("Fy enw i yw {}.",),
        "phone": ("Fy rhif ffôn i yw {}.",),
        "email": ("Fy nghyfeiriad e-bost yw {}.",),
        "postcode": ("Fy nghod post yw {}.",),
    },
    "ar": {
        "name": ("اسمي {}.",),
        "phone": ("رقم هاتفي {}.",),
        "email": ("بريدي الإلكتروني {}",),
        "postcode": ("الرمز البريدي {}.",),
    },
}

# --------------------------------------------------------------------------------------------
# Compiled grammar
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Grammar:
    core: dict[str, tuple[Template, ...]]
    titles: dict[str, tuple[str, ...]]
    openers: tuple[Template, ...]
    fillers: tuple[Template, ...]
    closers: dict[str, tuple[Template, ...]]


def _build(
    spec: Mapping[str, Mapping[str, object]],
    shared: Mapping[str, tuple[str, ...]],
    openers: tuple[str, ...],
    fillers: tuple[str, ...],
    closers: Mapping[str, tuple[str, ...]],
) -> _Grammar:
    core: dict[str, tuple[Template, ...]] = {}
    titles: dict[str, tuple[str, ...]] = {}
    for theme in THEMES:
        entry = spec[theme]
        lex = dict(shared)
        lex.update(cast(Mapping[str, tuple[str, ...]], entry.get("lex", {})))
        core[theme] = tuple(_compile(t, lex) for t in cast(tuple[str, ...], entry["core"]))
        titles[theme] = cast(tuple[str, ...], entry["titles"])
    return _Grammar(
        core=core,
        titles=titles,
        openers=tuple(_compile(t, shared) for t in openers),
        fillers=tuple(_compile(t, shared) for t in fillers),
        closers={k: tuple(_compile(t, shared) for t in v) for k, v in closers.items()},
    )


def _expand_nested(
    templates: tuple[str, ...], lex: Mapping[str, tuple[str, ...]]
) -> tuple[str, ...]:
    """Expand '{{staff}}'-style nesting inside alternatives, e.g. '{They|{staff}}'."""
    out = []
    for t in templates:
        for name, values in lex.items():
            t = t.replace("|{" + name + "}}", "|" + "|".join(values) + "}")
        out.append(t)
    return tuple(out)


for _theme_spec in _EN.values():
    _theme_spec["core"] = _expand_nested(_theme_spec["core"], _EN_SHARED)  # type: ignore[arg-type]
_EN_CLOSERS = {k: _expand_nested(v, _EN_SHARED) for k, v in _EN_CLOSERS.items()}

_GRAMMARS: dict[str, _Grammar] = {
    "en": _build(_EN, _EN_SHARED, _EN_OPENERS, _EN_FILLERS, _EN_CLOSERS),
    "cy": _build(_CY, {}, _CY_OPENERS, _CY_FILLERS, _CY_CLOSERS),
    "ar": _build(_AR, {}, _AR_OPENERS, _AR_FILLERS, _AR_CLOSERS),
}

_GROUP_CUM: dict[str, tuple[tuple[str, ...], list[float]]] = {
    lang: (tuple(w), list(accumulate(w.values()))) for lang, w in _GROUP_WEIGHTS.items()
}


def fragment_count() -> int:
    """Number of distinct fragments (template pieces and alternatives) in the grammar."""
    total = 0
    for g in _GRAMMARS.values():
        templates = [t for ts in g.core.values() for t in ts]
        templates += list(g.openers) + list(g.fillers)
        templates += [t for ts in g.closers.values() for t in ts]
        for t in templates:
            total += sum(len(p) if isinstance(p, tuple) else 1 for p in t)
    return total


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def _weighted_pick(rng: Random, items: tuple[str, ...], cum: list[float]) -> str:
    return items[bisect_right(cum, rng.random() * cum[-1])]


def _theme_table(
    theme_weights: Mapping[str, float] | None,
) -> tuple[tuple[str, ...], list[float]]:
    weights = dict(DEFAULT_THEME_WEIGHTS)
    if theme_weights:
        unknown = set(theme_weights) - set(THEMES)
        if unknown:
            raise ValueError(f"unknown themes in theme_weights: {sorted(unknown)}")
        weights.update(theme_weights)
    items = tuple(t for t in THEMES if weights[t] > 0)
    if not items:
        raise ValueError("theme_weights leave no theme with a positive weight")
    return items, list(accumulate(weights[t] for t in items))


def weights_for_outcomes(outcomes: Mapping[str, bool], boost: float = 4.0) -> dict[str, float]:
    """Theme weights that make a participant's story match their survey answers.

    Why: the demo links numbers to stories ("made new friends" -> a friendship story), so a
    participant who answered yes to an outcome gets the related themes ``boost`` times likelier.
    Unknown outcome names are ignored.
    """
    weights = dict(DEFAULT_THEME_WEIGHTS)
    for outcome, answered_yes in outcomes.items():
        if answered_yes:
            for theme in OUTCOME_THEMES.get(outcome, ()):
                weights[theme] *= boost
    return weights


def generate_story(
    rng: Random,
    theme: str | None = None,
    language: str = "en",
    length: Length = "short",
    pii_rate: float = 0.0,
    theme_weights: Mapping[str, float] | None = None,
    group: str | None = None,
    _table: tuple[tuple[str, ...], list[float]] | None = None,
) -> GeneratedStory:
    """Generate one story.

    ``theme`` fixes the primary theme; otherwise it is drawn from ``DEFAULT_THEME_WEIGHTS``
    updated with ``theme_weights`` (themes not listed keep their default weight; 0 excludes).
    ``length``: "short" = 1-3 sentences, "medium" = 4-8. ``pii_rate`` is the probability that
    the story contains one or two pieces of personal data. ``group`` fixes the programme context
    (deaf, asylum, valley, lunch, youth) when that language has it.
    """
    grammar = _GRAMMARS.get(language)
    if grammar is None:
        raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
    if length not in ("short", "medium"):
        raise ValueError(f"length must be 'short' or 'medium', got {length!r}")
    if theme is None:
        items, cum = _table if _table is not None else _theme_table(theme_weights)
        theme = _weighted_pick(rng, items, cum)
    elif theme not in grammar.core:
        raise ValueError(f"unknown theme {theme!r}; use one of {THEMES}")

    contexts = _CONTEXTS[language]
    if group is None or group not in contexts:
        g_items, g_cum = _GROUP_CUM[language]
        group = _weighted_pick(rng, g_items, g_cum)
    ctx = rng.choice(contexts[group])

    # Secondary theme: a passing mention of something else, more often in longer stories.
    secondary: str | None = None
    if rng.random() < (0.3 if length == "short" else 0.6):
        secondary = THEMES[int(rng.random() * len(THEMES))]
        if secondary == theme:
            secondary = None

    if theme == "negative":
        sentiment: Sentiment = "negative"
    elif theme == "barriers" or secondary in ("barriers", "negative"):
        sentiment = "mixed"
    else:
        sentiment = "positive"

    core = grammar.core[theme]
    body: list[Template]
    if length == "short":
        r = rng.random()
        n = 1 if r < 0.25 else (2 if r < 0.7 else 3)
        n_core = n - 1 if (secondary is not None and n >= 2) else n
        body = rng.sample(core, n_core)
        if secondary is not None and n >= 2:
            body.insert(1 + int(rng.random() * n_core), rng.choice(grammar.core[secondary]))
        if n == 3 and rng.random() < 0.2:
            body[0] = rng.choice(grammar.openers)
    else:
        n = rng.randint(4, 8)
        opener = rng.random() < 0.7
        closer = rng.random() < 0.6
        filler = rng.random() < 0.3
        n_core = max(2, n - opener - closer - filler - (secondary is not None))
        n_core = min(n_core, len(core))
        body = rng.sample(core, n_core)
        if secondary is not None:
            body.insert(1 + int(rng.random() * n_core), rng.choice(grammar.core[secondary]))
        if filler:
            body.insert(1 + int(rng.random() * (len(body) - 1)), rng.choice(grammar.fillers))
        if opener:
            body.insert(0, rng.choice(grammar.openers))
        if closer:
            body.append(rng.choice(grammar.closers[sentiment]))

    sentences = [_render(t, rng, ctx) for t in body]

    pii: tuple[str, ...] = ()
    if pii_rate > 0 and rng.random() < pii_rate:
        values = _pii_values(rng, language)
        kinds = rng.sample(("name", "phone", "email", "postcode"), 1 + (rng.random() < 0.4))
        templates = _PII_TEMPLATES[language]
        pii = tuple(values[k] for k in kinds)
        for kind in kinds:
            sentence = rng.choice(templates[kind]).format(values[kind])
            if kind == "name":
                sentences.insert(0, sentence)
            else:
                sentences.append(sentence)

    title = rng.choice(grammar.titles[theme])
    return GeneratedStory(
        text=" ".join(sentences),
        language=language,
        theme=theme,
        secondary_theme=secondary,
        sentiment=sentiment,
        title=title,
        group=group,
        pii=pii,
    )


def generate_corpus(
    n: int,
    seed: int = 0,
    languages: Mapping[str, float] | None = None,
    length: Length | Literal["mixed"] = "short",
    pii_rate: float = 0.0,
    theme_weights: Mapping[str, float] | None = None,
    medium_share: float = 0.3,
) -> list[GeneratedStory]:
    """Generate ``n`` stories deterministically from ``seed``.

    ``languages`` maps language code to relative weight (default 85% English, 10% Welsh, 5%
    Arabic). ``length="mixed"`` makes ``medium_share`` of the stories medium and the rest short.
    ``theme_weights`` biases theme choice as in :func:`generate_story`.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    langs = dict(DEFAULT_LANGUAGES if languages is None else languages)
    unknown = set(langs) - set(LANGUAGES)
    if unknown:
        raise ValueError(f"unsupported languages: {sorted(unknown)}")
    lang_items = tuple(k for k in LANGUAGES if langs.get(k, 0) > 0)
    if not lang_items:
        raise ValueError("languages must give at least one language a positive weight")
    lang_cum = list(accumulate(langs[k] for k in lang_items))
    table = _theme_table(theme_weights)
    rng = Random(seed)
    out: list[GeneratedStory] = []
    for _ in range(n):
        lang = lang_items[0] if len(lang_items) == 1 else _weighted_pick(rng, lang_items, lang_cum)
        if length == "mixed":
            story_length: Length = "medium" if rng.random() < medium_share else "short"
        else:
            story_length = length
        out.append(
            generate_story(rng, language=lang, length=story_length, pii_rate=pii_rate, _table=table)
        )
    return out

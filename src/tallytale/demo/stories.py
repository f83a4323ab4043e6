"""Demo stories: prompts and signifiers per project, and about one story per three members.

Stories come from `storygen` (templated first-person stories with a known theme and
sentiment, in English, Welsh and Arabic). What links them to the numbers: each teller's
theme weights follow their (latent) survey outcomes through
`storygen.weights_for_outcomes`, so members who made new friends tell friendship stories
more often, members whose wellbeing fell tell more "it did not help" stories, and so on.
More involved members are likelier to tell a story at all. The teller's own signification
(what the story is about, a better/worse slider, a triad, a feeling scale) is consistent
with the story's theme and sentiment, with some noise.

Language follows the teller's first language (most Welsh speakers tell in Welsh, most
Arabic speakers in Arabic); BSL users' stories are written in English with an interpreter,
with consent taken in sign language. About 3% of stories contain personal data
(names, phone numbers, e-mail addresses, postcodes) so redaction has work to show.

Write path: every story is validated with `stories.services.prepare` and redacted with
`stories.services.redact_text` (which runs `tallytale.core.redact.redact` and decides
whether to hold the story for review), exactly as `collect` does; the rows (Story,
ConsentRecord, SignifierAnswer) are then written with bulk inserts and one audit event
per project instead of per story. `collect` costs several queries per story, which is
minutes at 100,000 participants; this is seconds.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from tallytale.audit.services import record
from tallytale.programmes.models import Person, Project
from tallytale.stories import services as stories
from tallytale.stories import setup as stories_setup
from tallytale.stories.models import (
    ConsentLevel,
    ConsentMethod,
    ConsentRecord,
    Prompt,
    Signifier,
    SignifierAnswer,
    Story,
)

from . import storygen
from .people import Member
from .surveys import SurveyOutcomes

CHUNK = 2000
STORIES_PER_MEMBER = 1 / 3
ANONYMOUS_SHARE = 0.04
PII_RATE = 0.03
CONSENT_MIX = {
    ConsentLevel.PROJECT: 0.5,
    ConsentLevel.PUBLIC: 0.3,
    ConsentLevel.RESEARCH_TEAM: 0.2,
}
GROUPS = {
    "deaf-peer-support": "deaf",
    "sanctuary-researchers": "asylum",
    "cwm-time-credits": "valley",
    "lunch-club": "lunch",
    "youth-voice": "youth",
}
PROMPTS = {
    "deaf-peer-support": [
        "Tell us about a time the group made a difference to you.",
        "Tell us about a time you could not get the support you needed in BSL.",
    ],
    "sanctuary-researchers": [
        "Tell us about a moment when you felt at home here.",
        "Tell us about something that made life harder, and what helped.",
        "What has changed for you since you joined the research group?",
    ],
    "cwm-time-credits": [
        "Tell us about a time giving your time changed something for you.",
        "What did you do with your time credits, and what did it mean to you?",
    ],
    "lunch-club": [
        "Tell us about a Friday that stayed with you.",
        "What would you miss if the lunch club stopped?",
    ],
    "youth-voice": [
        "Tell us about something you learned or did for the first time.",
        "Tell us about a time you felt listened to, or not.",
    ],
}
# the same prompts in the languages their tellers speak (asked in Welsh in Cwm, in Arabic
# among the sanctuary researchers)
PROMPT_TRANSLATIONS = {
    "Tell us about a time giving your time changed something for you.": {
        "cy": "Dywedwch wrthym am adeg pan newidiodd rhoi eich amser rywbeth i chi.",
        "ar": "احكِ لنا عن وقتٍ غيّر فيه تقديمُ وقتك شيئًا بالنسبة لك.",
    },
    "What did you do with your time credits, and what did it mean to you?": {
        "cy": "Beth wnaethoch chi gyda'ch credydau amser, a beth oedd ei ystyr i chi?",
        "ar": "ماذا فعلت برصيد وقتك، وماذا عنى لك ذلك؟",
    },
    "Tell us about a moment when you felt at home here.": {
        "ar": "احكِ لنا عن لحظةٍ شعرت فيها أنك في بيتك هنا.",
        "cy": "Dywedwch wrthym am adeg pan oeddech chi'n teimlo'n gartrefol yma.",
    },
    "Tell us about something that made life harder, and what helped.": {
        "ar": "احكِ لنا عن شيءٍ جعل الحياة أصعب، وما الذي ساعد.",
        "cy": "Dywedwch wrthym am rywbeth a wnaeth fywyd yn anoddach, a beth a helpodd.",
    },
    "What has changed for you since you joined the research group?": {
        "ar": "ما الذي تغيّر بالنسبة لك منذ انضممت إلى مجموعة البحث؟",
        "cy": "Beth sydd wedi newid i chi ers i chi ymuno â'r grŵp ymchwil?",
    },
}
# theme -> option of the "about" signifier
ABOUT = {
    "friendship": "Friends and belonging",
    "physical_health": "Physical health",
    "mental_health": "Mental health and confidence",
    "money": "Money",
    "services": "Getting help from services",
    "safety": "Feeling safe",
    "skills": "Learning something new",
    "volunteering": "Giving back",
    "family": "Family",
    "barriers": "Things that got in the way",
    "negative": "Things that got in the way",
}
TRIAD = ["the people", "the activity", "the time credits"]
# theme -> triad weights (people, activity, credits) before noise
TRIAD_BY_THEME = {
    "friendship": (0.7, 0.2, 0.1),
    "physical_health": (0.2, 0.6, 0.2),
    "mental_health": (0.5, 0.35, 0.15),
    "money": (0.1, 0.2, 0.7),
    "services": (0.45, 0.35, 0.2),
    "safety": (0.6, 0.3, 0.1),
    "skills": (0.2, 0.65, 0.15),
    "volunteering": (0.3, 0.5, 0.2),
    "family": (0.5, 0.2, 0.3),
    "barriers": (0.35, 0.4, 0.25),
    "negative": (0.4, 0.4, 0.2),
}
FEELINGS = ["Very bad", "Bad", "Neither good nor bad", "Good", "Very good"]


def setup(slugs: list[str]) -> dict[str, tuple[Project, list[Prompt], dict[str, Signifier]]]:
    """Prompts and signifiers for each project (through the stories services)."""
    out = {}
    for slug in slugs:
        project = Project.objects.get(slug=slug)
        prompts = [
            stories_setup.add_prompt(
                project, text, order=i, translations=PROMPT_TRANSLATIONS.get(text)
            )
            for i, text in enumerate(PROMPTS[slug])
        ]
        sigs = [
            stories_setup.define_signifier(
                project,
                "about",
                "This story is about…",
                "choice",
                sorted(set(ABOUT.values())),
                order=0,
            ),
            stories_setup.define_signifier(
                project,
                "better_worse",
                "What happened made things…",
                "slider",
                ["much worse", "much better"],
                order=1,
            ),
            stories_setup.define_signifier(
                project, "difference", "What made the difference was…", "triad", TRIAD, order=2
            ),
            stories_setup.define_signifier(
                project,
                "feeling",
                "How do you feel when you think about this story?",
                "scale",
                FEELINGS,
                scale_min=1,
                scale_max=5,
                order=3,
            ),
        ]
        out[slug] = (project, prompts, {s.name: s for s in sigs})
    return out


def _language(rng: random.Random, first_language: str) -> str:
    if first_language == "cy":
        return "cy" if rng.random() < 0.7 else "en"
    if first_language == "ar":
        return "ar" if rng.random() < 0.85 else "en"
    return "en"


def _weights(rng: random.Random, m: Member, outcome) -> dict[str, float]:
    """Theme weights for a teller, from what their survey answers (would) say."""
    if outcome is None:
        return dict(storygen.DEFAULT_THEME_WEIGHTS)
    tc = outcome.tc
    flags = {
        "made_new_friends": tc.get("tc_new_friends", False),
        "feel_healthier": tc.get("tc_healthier", False),
        "more_confident": outcome.change > 0.4,
        "did_not_help": outcome.change < -0.25,
        "volunteered": outcome.hours > 40,
        "less_lonely": m.project == "lunch-club" and tc.get("tc_new_friends", False),
        "hard_to_attend": m.project == "deaf-peer-support" and rng.random() < 0.35,
        "money_worries": m.project in ("sanctuary-researchers", "cwm-time-credits")
        and rng.random() < 0.3,
        "got_help_with_services": m.project == "sanctuary-researchers" and rng.random() < 0.4,
        "learned_something": m.project == "youth-voice" and rng.random() < 0.5,
        "family_better": rng.random() < 0.1,
    }
    weights = storygen.weights_for_outcomes(flags)
    if outcome.change > 0.3:
        weights["negative"] *= 0.3  # people who got better rarely say it did not help
    return weights


def _signification(rng: random.Random, g: storygen.GeneratedStory) -> dict:
    about = [ABOUT[g.theme]]
    if g.secondary_theme and rng.random() < 0.6:
        about.append(ABOUT[g.secondary_theme])
    if rng.random() < 0.08:  # some tellers tick something unexpected
        about.append(rng.choice(sorted(set(ABOUT.values()))))
    centre = {"positive": 78, "mixed": 50, "negative": 22}[g.sentiment]
    slider = max(0, min(100, int(rng.gauss(centre, 12))))
    base = TRIAD_BY_THEME[g.theme]
    raw = [max(0.01, w + rng.gauss(0, 0.08)) for w in base]
    total = sum(raw)
    triad = [round(w / total, 4) for w in raw]
    triad[2] = round(1 - triad[0] - triad[1], 4)
    if triad[2] < 0:
        triad = [round(w / total, 4) for w in base]
        triad[2] = round(1 - triad[0] - triad[1], 4)
    feeling_centre = {"positive": 4.3, "mixed": 3.0, "negative": 1.7}[g.sentiment]
    feeling = max(1, min(5, int(round(rng.gauss(feeling_centre, 0.6)))))
    answers = {
        "about": list(dict.fromkeys(about)),
        "better_worse": slider,
        "difference": triad,
        "feeling": feeling,
    }
    if rng.random() < 0.05:  # every signifier is optional
        answers.pop(rng.choice(["better_worse", "difference", "feeling"]))
    return answers


def generate(
    rng: random.Random,
    members: list[Member],
    today: dt.date,
    outcomes: SurveyOutcomes | None,
) -> int:
    """Write the demo stories; return how many."""
    from . import layout
    from .surveys import involvement

    slugs = layout.project_slugs()
    setup_ = setup(slugs)
    collectors = dict(
        Person.objects.filter(
            code__in=[layout.staff_code(s, "researcher") for s in slugs]
        ).values_list("code", "pk")
    )
    by_code = outcomes.by_code if outcomes else {}
    factors = [
        0.5 + min(involvement(m.hours_until(today)), 1.5) if by_code else 1.0 for m in members
    ]
    scale = len(members) * STORIES_PER_MEMBER / (sum(factors) or 1)
    drafts: dict[str, list[tuple]] = {s: [] for s in slugs}
    n_anon = int(len(members) * STORIES_PER_MEMBER * ANONYMOUS_SHARE)
    # (teller, project): the more involved are likelier to tell; anonymous tellers last
    tellers: list[tuple[Member | None, str]] = [
        (m, m.project) for m, f in zip(members, factors) if rng.random() < min(0.95, f * scale)
    ]
    tellers += [(None, rng.choice(slugs)) for _ in range(n_anon)]
    levels, level_weights = list(CONSENT_MIX), list(CONSENT_MIX.values())
    for i, (m, slug) in enumerate(tellers):
        project, prompts, sigs = setup_[slug]
        first_language = m.first_language if m is not None else ""
        language = _language(rng, first_language)
        weights = _weights(rng, m, by_code.get(m.code)) if m is not None else None
        length = "medium" if rng.random() < 0.3 else "short"
        g = storygen.generate_story(
            rng,
            language=language,
            length=length,
            pii_rate=PII_RATE,
            theme_weights=weights,
            group=GROUPS[slug],
        )
        earliest = (m.joined if m is not None else today - dt.timedelta(days=700)) + dt.timedelta(
            days=21
        )
        span = max(0, (today - earliest).days)
        collected = min(today, earliest + dt.timedelta(days=int(rng.random() * span)))
        method = (
            ConsentMethod.SIGNED
            if first_language == "bfi"
            else rng.choices(
                [ConsentMethod.SPOKEN, ConsentMethod.WRITTEN, ConsentMethod.ONLINE], [0.6, 0.3, 0.1]
            )[0]
        )
        draft, errors = stories.prepare(
            project,
            text=g.text,
            language=g.language,
            title=g.title,
            teller=None,
            collector=None,
            prompt=rng.choice(prompts),
            consent_level=rng.choices(levels, level_weights)[0],
            consent_method=method,
            info_sheet_version="demo-v1",
            consent_taken_by=f"demo:{layout.staff_code(slug, 'researcher')}",
            answers=_signification(rng, g),
            collected_on=collected,
            external_id=f"demo-{i + 1:06d}",
            signifiers=sigs,
        )
        if errors:
            raise ValueError(f"demo story {i + 1} is invalid: {errors}")
        drafts[slug].append(
            (
                draft,
                m.person_id if m is not None else None,
                collectors.get(layout.staff_code(slug, "researcher")),
            )
        )
    total = 0
    for slug in slugs:
        total += _write(setup_[slug][0], setup_[slug][2], drafts[slug])
    return total


def _write(project: Project, sigs: dict[str, Signifier], items: list[tuple]) -> int:
    """Bulk-write validated drafts with redaction, consent records and answers."""
    with transaction.atomic():
        for i in range(0, len(items), CHUNK):
            chunk = items[i : i + CHUNK]
            rows = []
            for d, teller_id, collector_id in chunk:
                story = Story(
                    project=project,
                    external_id=d.external_id,
                    prompt=d.prompt,
                    medium=d.medium,
                    language=d.language,
                    title=d.title,
                    text=d.text,
                    teller_id=teller_id,
                    collector_id=collector_id,
                    collected_by_label="demo",
                    collected_on=d.collected_on,
                    consent_level=d.consent_level,
                )
                spans = {}
                reasons: set[str] = set()
                for name in ("title", "text"):
                    r = stories.redact_text(getattr(story, name), story.language)
                    setattr(story, f"{name}_redacted", r.text)
                    spans[name] = r.spans
                    if r.needs_review:
                        reasons |= {f"{name}: {x}" for x in r.reasons or ["uncertain"]}
                story.redaction_spans = spans
                story.held_for_review = bool(reasons)
                story.review_reasons = sorted(reasons)
                rows.append(story)
            Story.objects.bulk_create(rows)
            ConsentRecord.objects.bulk_create(
                ConsentRecord(
                    story=s,
                    level=d.consent_level,
                    method=d.consent_method,
                    info_sheet_version=d.info_sheet_version,
                    taken_by_label=d.consent_taken_by,
                )
                for s, (d, _, _) in zip(rows, chunk)
            )
            SignifierAnswer.objects.bulk_create(
                SignifierAnswer(story=s, signifier=sigs[name], value=value)
                for s, (d, _, _) in zip(rows, chunk)
                for name, value in sorted(d.answers.items())
            )
        if items:
            record(
                "story.collect_bulk",
                actor_label="demo",
                project_slug=project.slug,
                count=len(items),
                generator="tallytale.demo.stories",
            )
    return len(items)

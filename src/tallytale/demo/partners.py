"""Demo partner organisations: their questionnaire, their capacity and their stories.

Every partner is asked the partner questionnaire (`time_credit_partner`) at baseline and
at 12 months, answered by a named contact (a role, never a person's name): about 85%
answer at baseline and 75% at 12 months. Each organisation has a latent "benefit" from
time credits; at 12 months the share agreeing that they offer improved access with the
same or fewer resources is calibrated near the 48% the Spice/Apteligen (2014) evaluation
published, the other items near plausible rates, and the baseline answers (early days)
lower. Earning partners are the community groups: they fill the capacity self-assessment
(`org_capacity`) at both waves, and those that benefit more gain more capacity. About a
third of the partners that answered at 12 months tell a story, in their contact's words,
consistent with their answer.

Responses go through `surveys.responses.import_responses` (the Kobo path, with the
`organisation` column), stories through `stories.services.collect`: a few dozen rows, so
the demo's runtime barely changes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from tallytale.programmes.models import Organisation, Project
from tallytale.programmes.permissions import Actor
from tallytale.stories import services as stories
from tallytale.stories.models import ConsentLevel, ConsentMethod
from tallytale.surveys import responses as surveys_responses
from tallytale.surveys import services as surveys
from tallytale.surveys.responses import RawRow

GROUP = "since_partner"
#: 12-month agreement the latent answers are calibrated near (access: Spice/Apteligen 2014)
TARGETS = {
    "tc_partner_access": 0.48,
    "tc_partner_volunteers": 0.55,
    "tc_partner_reach": 0.50,
    "tc_partner_resources": 0.42,
}
BASELINE_FACTOR = 0.45  # early days: fewer agree at baseline
ANSWER_RATE = {"baseline": 0.85, "12-months": 0.75}
STORY_RATE = 0.35
CONTACTS = [
    "Volunteer coordinator",
    "Centre manager",
    "Chair of trustees",
    "Community development worker",
    "Service manager",
    "Secretary",
]
CAPACITY = ("cap_governance", "cap_volunteers", "cap_partnerships", "cap_evidence",
            "cap_sustainability")  # fmt: skip
STORIES_YES = [
    "Since we started with time credits, more people come through our door and several of "
    "them now help run the sessions. We open on a second afternoon with the same staff.",
    "Time credits brought us new volunteers who had never given time before. Our café now "
    "opens every weekday and we reach families we never saw before.",
    "We were stretched thin. Members earning credits took on the welcome desk, so our staff "
    "could run more activities and the waiting list went down.",
]
STORIES_NO = [
    "We joined time credits hoping for new volunteers, but most people who came wanted to "
    "spend credits rather than earn them. Our opening hours have not changed.",
    "Time credits took more of our staff time than we expected: recording hours and "
    "explaining the scheme. We reach about the same people as before.",
]


def _agree(rng: random.Random, yes: bool) -> str:
    if yes:
        return "5" if rng.random() < 0.3 else "4"
    return rng.choices(["3", "2", "1"], [0.55, 0.3, 0.15])[0]


def _when(rng: random.Random, day: dt.date) -> str:
    return f"{day.isoformat()}T{rng.randint(9, 17):02d}:{rng.randint(0, 59):02d}:00+00:00"


def generate(rng: random.Random, today: dt.date, start: dt.date) -> dict[str, int]:
    """Install the capacity instrument, write partners' responses and stories; counts."""
    from . import layout

    slugs = layout.project_slugs()
    for slug in slugs:
        surveys.install_builtin("org_capacity", slug, actor_label="demo")
    days = {
        "baseline": min(today, start + dt.timedelta(days=30)),
        "12-months": min(today, start + dt.timedelta(days=395)),
    }
    rows: dict[tuple[str, str, str], list[RawRow]] = defaultdict(list)
    story_plan: list[tuple[Organisation, str, bool]] = []
    orgs = list(Organisation.objects.filter(project__slug__in=slugs).order_by("slug"))
    benefit = {o.slug: rng.random() for o in orgs}  # latent: how much time credits helped
    contact = {o.slug: rng.choice(CONTACTS) for o in orgs}
    cap0 = {o.slug: {d: rng.choice([1, 2, 2, 3, 3, 4]) for d in CAPACITY} for o in orgs}
    for wave in ("baseline", "12-months"):
        answering = [o for o in orgs if rng.random() < ANSWER_RATE[wave]]
        factor = 1.0 if wave == "12-months" else BASELINE_FACTOR
        agree: dict[str, set[str]] = {}
        for item, target in TARGETS.items():
            # the organisations that benefit most agree, with noise; exactly the target
            # share of respondents (rounded), so the demo lands on the published figure
            order = sorted(answering, key=lambda o: -(benefit[o.slug] + rng.gauss(0, 0.25)))
            agree[item] = {o.slug for o in order[: round(target * factor * len(answering))]}
        when_day = days[wave]
        for org in answering:
            slug = org.project.slug
            answers = {f"{GROUP}/{item}": _agree(rng, org.slug in agree[item]) for item in TARGETS}
            sid = f"demo-{org.slug}-{wave}"
            when = _when(rng, when_day)
            rows[(slug, "time_credit_partner", wave)].append(
                RawRow(0, f"{sid}-tcp", "", when, answers, org.slug, contact[org.slug])
            )
            if org.earns:  # the community groups assess their own capacity
                gain = 0.25 + 0.5 * benefit[org.slug]
                cap = {
                    d: str(max(1, min(5, v + (wave == "12-months" and rng.random() < gain))))
                    for d, v in cap0[org.slug].items()
                }
                rows[(slug, "org_capacity", wave)].append(
                    RawRow(0, f"{sid}-cap", "", when, cap, org.slug, contact[org.slug])
                )
            if wave == "12-months" and rng.random() < STORY_RATE:
                yes = org.slug in agree["tc_partner_access"]
                story_plan.append((org, contact[org.slug], yes))
    written = 0
    for (slug, form, wave), batch in sorted(rows.items()):
        for line, row in enumerate(batch, start=2):
            row.line = line
        report = surveys_responses.import_responses(
            surveys.get_instrument(form, slug), batch, wave=wave, actor_label="demo"
        )
        written += report.written
    actor = Actor.cli("demo")
    projects = {p.slug: p for p in Project.objects.filter(slug__in=slugs)}
    told = 0
    for i, (org, contact, yes) in enumerate(story_plan):
        text = rng.choice(STORIES_YES if yes else STORIES_NO)
        stories.collect(
            projects[org.project.slug],
            actor=actor,
            text=text,
            language="en",
            title=f"{org.name}: working with time credits",
            organisation=org,
            contact_name=contact,
            consent_level=ConsentLevel.PUBLIC if rng.random() < 0.8 else ConsentLevel.PROJECT,
            consent_method=ConsentMethod.WRITTEN,
            consent_taken_by=f"demo:{contact}",
            collected_on=days["12-months"],
            external_id=f"demo-partner-{i + 1:03d}",
        )
        told += 1
    return {"responses": written, "stories": told}

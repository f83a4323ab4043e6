"""A small, believable evaluated project built through the apps' own services.

Why here: tests of evidence reports (and anyone trying the report on a fresh database) need
a project with survey answers at two waves, stories under every consent level and ledger
activity, all linked to the same people - so that numbers and stories can be paired. It is
deterministic from ``seed``. Stories come from `tallytale.demo.storygen`, biased towards
the themes that match each teller's own answers (friendship for "made new friends" ...).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from tallytale.core.ledger import Kind
from tallytale.demo import storygen
from tallytale.ledger import batch as ledger_batch
from tallytale.programmes import services as people
from tallytale.programmes.models import Person, Project
from tallytale.programmes.permissions import Actor
from tallytale.stories import services as stories
from tallytale.surveys import responses as surveys_responses
from tallytale.surveys import services as surveys
from tallytale.surveys.models import Question

_OPERATOR = Actor.cli("sample")

GENDERS = ["woman", "man", "woman", "man", "woman", "man", "woman", "man", "woman", "non-binary"]
CONSENTS = ["public", "public", "project", "research_team"]
OUTCOME_OF_ITEM = {
    "tc_quality_of_life": "feel_healthier",
    "tc_healthier": "feel_healthier",
    "tc_new_friends": "made_new_friends",
    "tc_contribute": "volunteered",
    "tc_doctor_less": "got_help_with_services",
}


@dataclass
class SampleProject:
    project: Project
    participants: list[Person]
    story_ids: list[int] = field(default_factory=list)
    answers: dict[str, dict[str, dict[str, str]]] = field(
        default_factory=dict
    )  # wave -> code -> item -> value
    swemwbs: dict[str, dict[str, int]] = field(default_factory=dict)  # wave -> code -> raw


def _paths(instrument) -> dict[str, str]:
    return dict(Question.objects.filter(instrument=instrument).values_list("name", "path"))


def build_sample_project(
    slug: str = "riverside",
    participants: int = 60,
    seed: int = 11,
    programme: str | None = None,
    stories_per_person: float = 0.6,
    today: dt.date | None = None,
) -> SampleProject:
    rng = random.Random(seed)
    today = today or dt.date(2025, 6, 30)
    start = today - dt.timedelta(days=300)
    if programme and not people.Programme.objects.filter(slug=programme).exists():
        people.create_programme(programme, programme.replace("-", " ").title())
    project = people.create_project(slug, slug.replace("-", " ").title(), programme)
    people.add_partner(f"{slug}-garden", slug, "earning", "Community Garden")
    people.add_partner(f"{slug}-library", slug, "earning", "Library")
    people.add_partner(f"{slug}-pool", slug, "spending", "Swimming Pool")
    people.add_person(
        f"{slug[:3].upper()}-RES", slug, "researcher", joined_on=start, actor=_OPERATOR
    )
    members = []
    for i in range(participants):
        members.append(
            people.add_person(
                f"{slug[:3].upper()}{i + 1:04d}", slug, joined_on=start,
                gender=GENDERS[i % len(GENDERS)], age_band=rng.choice(["25-34", "45-54", "65-74"]),
                area=rng.choice(["north", "south"]), first_language="cy" if i % 5 == 0 else "en",
                actor=_OPERATOR,
            )
        )  # fmt: skip
    sample = SampleProject(project, members)

    surveys.create_wave(slug, "baseline", label="Baseline", opens_on=start)
    surveys.create_wave(slug, "m6", label="6 months", opens_on=start + dt.timedelta(days=180))
    sw = surveys.install_builtin("swemwbs", slug).instrument
    tc = surveys.install_builtin("time_credit_member", slug).instrument
    sw_paths, tc_paths = _paths(sw), _paths(tc)
    benefit = {m.code: rng.random() for m in members}  # how much each person gains
    for wave_i, wave in enumerate(("baseline", "m6")):
        sw_rows, tc_rows = [], []
        sample.answers[wave] = {}
        sample.swemwbs[wave] = {}
        for j, m in enumerate(members):
            if wave == "m6" and j % 7 == 6:
                continue  # attrition
            base = 2 + (j % 3)
            lift = round(benefit[m.code] * 1.6) if wave_i else 0
            items = [min(5, max(1, base + lift + rng.choice([-1, 0, 0, 1]))) for _ in range(7)]
            sample.swemwbs[wave][m.code] = sum(items)
            sw_rows.append(
                surveys_responses.RawRow(j + 2, f"{slug}-sw-{wave}-{m.code}", m.code, "",
                               {sw_paths[f"swemwbs_{k + 1}"]: str(v) for k, v in enumerate(items)})
            )  # fmt: skip
            if wave == "m6":
                ans = {}
                for name in ("tc_quality_of_life", "tc_healthier", "tc_doctor_less",
                             "tc_new_friends", "tc_contribute"):  # fmt: skip
                    p = benefit[m.code] * 0.9 + (0.25 if name == "tc_new_friends" else 0.0)
                    ans[name] = str(
                        rng.choice([4, 5]) if rng.random() < p else rng.choice([1, 2, 3])
                    )
                sample.answers[wave][m.code] = ans
                tc_rows.append(
                    surveys_responses.RawRow(j + 2, f"{slug}-tc-{wave}-{m.code}", m.code, "",
                                   {tc_paths[k]: v for k, v in ans.items()})
                )  # fmt: skip
        surveys_responses.import_responses(sw, sw_rows, wave=wave, actor_label="sample")
        if tc_rows:
            surveys_responses.import_responses(tc, tc_rows, wave=wave, actor_label="sample")

    actor = _OPERATOR
    answers = sample.answers["m6"]
    for j, m in enumerate(members):
        if rng.random() > stories_per_person:
            continue
        mine = answers.get(m.code, {})
        outcomes = {
            OUTCOME_OF_ITEM[k]: v in ("4", "5") for k, v in mine.items() if k in OUTCOME_OF_ITEM
        }
        if mine and not any(outcomes.values()):
            outcomes["did_not_help"] = True
        weights = storygen.weights_for_outcomes(outcomes)
        lang = "cy" if m.first_language == "cy" else "en"
        g = storygen.generate_story(rng, language=lang, theme_weights=weights, length="medium")
        s = stories.collect(
            project, actor=actor, text=g.text, title=g.title, language=lang, teller=m,
            consent_level=CONSENTS[j % len(CONSENTS)], medium="text",
            collected_on=start + dt.timedelta(days=200),
        )  # fmt: skip
        sample.story_ids.append(s.pk)

    ops = []
    for j, m in enumerate(members):
        if j % 4 == 3:
            continue  # a quarter never become active
        for k in range(1 + int(benefit[m.code] * 4)):
            day = start + dt.timedelta(days=10 + 23 * k + j % 9)
            partner = f"{slug}-garden" if k % 2 else f"{slug}-library"
            ops.append(ledger_batch.Op(Kind.EARN, m.code, 120, f"{slug}:{m.code}:e{k}", partner=partner,
                                 day=day, category="gardening"))  # fmt: skip
        if benefit[m.code] > 0.5:
            ops.append(ledger_batch.Op(Kind.SPEND, m.code, 60, f"{slug}:{m.code}:s", partner=f"{slug}-pool",
                                 day=start + dt.timedelta(days=150), category="leisure"))  # fmt: skip
    ops.sort(key=lambda op: (op.day, op.key))
    ledger_batch.record_batch(ops, actor=_OPERATOR, today=today)
    return sample

"""Demo community workflow: priorities and votes, a research question, a draft finding put
to members with their readings, "you said, we did" actions and learning notes.

Everything goes through `tallytale.community.services`. Members act through a stand-in for
a signed-in user (`_Acting`: their Person, checked by the same permission rules); voting
and member checking use a sample of each project's members (as at a meeting), so this part
costs the same at 1,300 and at 100,000 participants.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from tallytale.programmes.models import Person, Project

from .people import Member

VOTERS_PER_PROJECT = 120
REVIEWERS_PER_PROJECT = 60

PRIORITIES = {
    "deaf-peer-support": [
        ("BSL interpreters at GP appointments", "People are turned away or told to bring family."),
        ("Deaf-friendly mental health support", "Counsellors who sign, or at least understand."),
        ("More social evenings", "Especially for people who live alone."),
        ("Emergency alerts we can see", "Text and visual alerts at home."),
    ],
    "sanctuary-researchers": [
        ("Waiting times for Home Office decisions", "The waiting is the hardest part."),
        ("English classes with childcare", "Mothers cannot come without it."),
        ("Finding a GP who listens", "Interpreters on the phone are not enough."),
        ("Feeling safe in town at night", ""),
    ],
    "cwm-time-credits": [
        ("The bus to the leisure centre", "The last bus back is at six."),
        ("More places to spend credits in the valley", "Most are down in town."),
        ("Cost of heating", "People are choosing between heating and eating."),
        ("Things for young families", ""),
    ],
    "lunch-club": [
        ("Transport to the club", "Some of us cannot walk that far any more."),
        ("Loneliness at weekends", "Friday is lovely, then nothing until the next Friday."),
        ("Help with phones and online forms", ""),
        ("Seated exercise", "We would like something gentle after lunch."),
    ],
    "youth-voice": [
        ("Somewhere to go in the evenings", "Not the bus shelter."),
        ("Mental health support at school", "The waiting list is months."),
        ("Part-time jobs and work experience", ""),
        ("Being listened to by the council", "We fill in surveys and nothing changes."),
    ],
}
QUESTIONS = {
    "deaf-peer-support": "Does peer support in BSL change how confident members feel using health services?",
    "sanctuary-researchers": "How does taking part in community research affect wellbeing while waiting for a decision?",
    "cwm-time-credits": "Who can spend their credits, and what stops the others?",
    "lunch-club": "Does the lunch club reduce loneliness beyond Fridays?",
    "youth-voice": "What makes young people feel listened to?",
}
ACTIONS = {
    "deaf-peer-support": [
        ("Booked a BSL interpreter for the monthly GP drop-in", "Health board", "done"),
        ("Asked the surgery to add text booking", "Coordinator", "in_progress"),
    ],
    "sanctuary-researchers": [
        ("Crèche during English classes on Tuesdays", "Library", "done"),
        ("Meeting with the local MP about waiting times", "Research group", "planned"),
    ],
    "cwm-time-credits": [
        ("Two new spending partners in the upper valley", "Coordinator", "in_progress"),
        ("Asked the bus company for a later service", "Community council", "planned"),
    ],
    "lunch-club": [
        ("Volunteer drivers on Fridays", "Repair café volunteers", "done"),
        ("A Sunday tea once a month", "Lunch club committee", "in_progress"),
    ],
    "youth-voice": [
        ("Youth centre open Thursday evenings", "Youth centre", "done"),
        ("Young people on the council's scrutiny panel", "Council", "planned"),
    ],
}
NOTES = {
    "deaf-peer-support": (
        "Meeting in BSL first, English second",
        "Running every session in BSL with English captions brought people back.",
        "Online surveys without BSL video got very few answers.",
    ),
    "sanctuary-researchers": (
        "Paying community researchers in credits and cash",
        "Members chose which; both were used.",
        "Surveys in English only at first: we lost the Tigrinya speakers.",
    ),
    "cwm-time-credits": (
        "Spending partners near where people live",
        "Credits were spent twice as often where the partner was walkable.",
        "Partners with budgets ran out before the summer.",
    ),
    "lunch-club": (
        "Stories told over lunch",
        "People talked more freely at the table than in interviews.",
        "Paper forms were hard for people with poor eyesight.",
    ),
    "youth-voice": (
        "Young people running the survey",
        "Peers asking peers got honest answers.",
        "Evening sessions clashed with part-time work.",
    ),
}


@dataclass
class _Acting:
    """A member acting in the demo, shaped like a signed-in user for the services."""

    person: Person
    is_authenticated: bool = True
    pk: Any = None

    def get_username(self) -> str:
        return f"demo:{self.person.code}"


def generate(
    rng: random.Random, members: list[Member], today: dt.date, outcomes: Any = None
) -> str:
    """Write the community workflow data; returns a note for the command's output."""
    from tallytale.community import services as community
    from tallytale.stories.models import SignifierAnswer

    from . import layout
    from .stories import ABOUT

    FRIENDS = ABOUT["friendship"]

    by_project: dict[str, list[Member]] = {}
    for m in members:
        by_project.setdefault(m.project, []).append(m)
    counts = {"priorities": 0, "votes": 0, "readings": 0, "actions": 0, "notes": 0}
    coordinators = {}
    for slug in layout.project_slugs():
        project = Project.objects.get(slug=slug)
        coord = _Acting(Person.objects.get(code=layout.staff_code(slug, "coordinator")))
        coordinators[slug] = coord
        people = by_project.get(slug, [])
        sample = rng.sample(people, min(len(people), VOTERS_PER_PROJECT))
        persons = {p.code: p for p in Person.objects.filter(code__in=[m.code for m in sample])}
        actors = [_Acting(persons[m.code]) for m in sample]
        priorities = []
        for title, description in PRIORITIES[slug]:
            by = rng.choice(actors) if actors else coord
            priorities.append(community.raise_priority(project, title, description, user=by))
        counts["priorities"] += len(priorities)
        rnd = community.open_round(project, "What should we look into next?", 3, user=coord)
        popularity = [rng.uniform(0.5, 3.0) for _ in priorities]
        for actor in actors:
            left = 3
            while left > 0 and rng.random() < 0.85:
                p = rng.choices(priorities, popularity)[0]
                dots = rng.randint(1, left)
                left = community.set_votes(rnd, p, dots, user=actor)
                counts["votes"] += 1
        community.close_round(rnd, user=coord)
        top = community.tally(rnd)[0].priority
        question = community.adopt_priority(top, QUESTIONS[slug], user=coord)
        from tallytale.stories.models import Prompt
        from tallytale.surveys.models import Instrument

        community.link_question(
            question,
            instrument_ids=list(
                Instrument.objects.filter(project=project).values_list("pk", flat=True)[:2]
            ),
            prompt_ids=list(Prompt.objects.filter(project=project).values_list("pk", flat=True)),
            claim_refs=[f"{slug}:tc_new_friends"],
            user=coord,
        )
        share = _friends_share(people, outcomes)
        about = SignifierAnswer.objects.filter(
            story__project=project,
            story__consent_level="public",
            story__withdrawn_at__isnull=True,
            signifier__name="about",
        ).order_by("story_id")
        story_ids = [
            sid for sid, value in about.values_list("story_id", "value")[:300] if FRIENDS in value
        ][:3]
        review = community.open_review(
            project,
            f"{slug}:tc_new_friends",
            f"About {share}% of members who answered the 12-month survey say they have made "
            "new friends since getting involved.",
            story_ids,
            user=coord,
        )
        for actor in actors[:REVIEWERS_PER_PROJECT]:
            if rng.random() < 0.6:
                response = rng.choices(["agree", "unsure", "disagree"], [0.72, 0.18, 0.10])[0]
                comment = (
                    rng.choice(["", "", "That's true for me.", "Not everyone comes every week."])
                    if response != "disagree"
                    else "I still feel on my own most of the week."
                )
                community.respond(review, response, comment, user=actor)
                counts["readings"] += 1
        for text, owner, status in ACTIONS[slug]:
            community.record_action(
                project,
                text,
                owner,
                review=review,
                claim_ref=review.claim_ref,
                status=status,
                due_on=today + dt.timedelta(days=rng.randint(14, 120)),
                user=coord,
            )
            counts["actions"] += 1
        title, worked, did_not = NOTES[slug]
        community.publish_note(project, title, worked, did_not, user=coord)
        counts["notes"] += 1
    return (
        f"community: {counts['priorities']} priorities, {counts['votes']} votes, "
        f"{counts['readings']} finding readings, {counts['actions']} actions, "
        f"{counts['notes']} learning notes"
    )


def _friends_share(people: list[Member], outcomes: Any) -> int:
    if outcomes is None:
        return 71
    answered = [
        outcomes.by_code[m.code]
        for m in people
        if m.code in outcomes.by_code and outcomes.by_code[m.code].answered_outcomes
    ]
    if not answered:
        return 71
    return round(100 * sum(o.tc["tc_new_friends"] for o in answered) / len(answered))

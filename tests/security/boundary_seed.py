"""Seed projects with one object of every kind a route can name, for the boundary tests.

Three projects: `pa` and `pc` in programme `prog-ac`, `pb` alone in programme `prog-b`. Each
has people in every role with a user account, a member with a card, partners that earn and
spend, transfers, a survey with a wave and a response, stories at every consent level with
codings, a suggestion, a memo, a theme run, community items, an invitation and API tokens.
Every text a stranger could read carries the project's canary word (`canary(slug)`), so a
response that shows any of it has crossed the boundary.
"""

from __future__ import annotations

import base64
import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User

from tallytale.accounts import services as accounts
from tallytale.accounts.models import ApiToken
from tallytale.coding import services as coding
from tallytale.coding import themes as coding_themes
from tallytale.coding.models import Origin
from tallytale.community import services as community
from tallytale.jobs import services as jobs
from tallytale.ledger import services as ledger
from tallytale.openrosa import services as openrosa
from tallytale.programmes import services as people
from tallytale.programmes.models import Opportunity, Programme, Project
from tallytale.stories import services as stories
from tallytale.stories import setup as stories_setup
from tallytale.stories.models import SignifierAnswer, Story
from tallytale.surveys import responses as surveys_responses
from tallytale.surveys import services as surveys
from tallytale.surveys.models import Instrument
from tallytale.surveys.xlsform import parse_xlsform
from tallytale.uploads import services as uploads
from tests.actors import OPERATOR

ROLES = ("participant", "researcher", "coordinator", "evaluator", "admin")
CLI = stories.Actor("cli:boundary-seed")
PROGRAMMES = {"pa": "prog-ac", "pc": "prog-ac", "pb": "prog-b"}


def canary(slug: str) -> str:
    """A word that appears only in project `slug`'s data."""
    return f"zq{slug}canary"


def shared_word(slug: str) -> str:
    """The word in `slug`'s learning notes, which its programme shares by design."""
    return f"zq{slug}shared"


@dataclass
class Seeded:
    """Every identifier of one seeded project, by the name the attack table uses."""

    slug: str
    programme: str
    users: dict[str, User] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    app_credentials: dict[str, str] = field(default_factory=dict)  # role -> Basic value
    ids: dict[str, Any] = field(default_factory=dict)


def _staff(slug: str, role: str, word: str) -> User:
    code = f"{slug.upper()}{role[0].upper()}1"
    person = people.add_person(
        code, slug, role, joined_on=dt.date(2025, 1, 1), area=word, gender=word, actor=OPERATOR
    )
    user = User.objects.create_user(username=code.lower(), password="a long enough password 1")
    person.user = user
    person.save(update_fields=["user"])
    return user


def seed_project(slug: str) -> Seeded:
    """Create project `slug` (its programme from PROGRAMMES) and fill it."""
    word = canary(slug)
    prog = PROGRAMMES[slug]
    if not Programme.objects.filter(slug=prog).exists():
        people.create_programme(prog, prog)
    people.create_project(slug, f"Project {slug}", prog)
    project = Project.objects.get(slug=slug)
    s = Seeded(slug, prog)
    up = slug.upper()
    for role in ROLES:
        s.users[role] = _staff(slug, role, word)
    coord = s.users["coordinator"]
    member = people.add_person(
        f"{up}M1",
        slug,
        card_code=f"CARD-{up}M1",
        joined_on=dt.date(2025, 1, 1),
        area=word,
        ethnicity=word,
        email=f"{slug}m1@example.org",
        actor=OPERATOR,
    )
    people.add_person(f"{up}M2", slug, joined_on=dt.date(2025, 1, 1), area=word, actor=OPERATOR)
    earn_p = people.add_partner(f"{slug}-earn", slug, "earning", name=f"Earn {word}")
    spend_p = people.add_partner(f"{slug}-spend", slug, "spending", name=f"Spend {word}")
    actor = ledger.Actor(f"seed:{slug}")
    day = dt.date(2025, 6, 2)
    t_earn = ledger.earn(member.code, earn_p.slug, "3", day=day, key=f"{slug}:e1", actor=actor)
    t_spend = ledger.spend(member.code, spend_p.slug, "1", day=day, key=f"{slug}:s1", actor=actor)
    ledger.earn(f"{up}P1", earn_p.slug, "2", day=day, key=f"{slug}:e2", actor=actor)

    surveys.install_builtin("ons4", slug, actor_label="seed")
    instrument = Instrument.objects.get(project=project)
    wave = surveys.create_wave(slug, f"{slug}-w1", label=f"Wave {word}")
    spec = surveys.spec_for(instrument)
    numeric = [q for q in spec.questions if q.name.startswith("ons4_")]
    answers = {q.name: 7 for q in numeric}
    try:
        response = surveys_responses.submit_response(
            instrument,
            {q.path: 7 for q in numeric},
            person=member,
            wave=wave,
            submission_id=f"{slug}-r1",
        )
        s.ids["response"] = response.pk
    except Exception:  # the builtin's required fields may differ; the response is optional
        pass

    story_ids = {}
    for level in ("research_team", "project", "public"):
        st = stories.collect(
            project,
            actor=CLI,
            title=f"{level} {word}",
            text=f"The garden {word} helped me a lot at the {level} level. {word}",
            language="en",
            consent_level=level,
            teller=s.users["participant"].person,
        )
        story_ids[level] = st.pk
    for i in range(8):  # enough stories for a theme run (10)
        stories.collect(
            project,
            actor=CLI,
            text=f"Story {i} about buses and the library {word}.",
            language="en",
            consent_level="project",
            teller=member,
        )
    story = Story.objects.get(pk=story_ids["project"])
    signifier = stories_setup.define_signifier(
        project, f"sig-{slug}", f"Triad {word}", "triad", [f"people {word}", "place", "time"]
    )
    SignifierAnswer.objects.create(story=story, signifier=signifier, value=[0.7, 0.2, 0.1])
    code_actor = stories.Actor(f"web:{s.users['researcher'].username}", s.users["researcher"])
    code = coding.add_code(project, f"Code {word}", actor=code_actor)
    human = coding.code_story(story, code, actor=code_actor, phrase="garden")
    suggestion = coding.code_story(
        story, code, actor=CLI, phrase="helped", origin=Origin.SUGGESTED, confidence=0.5
    )
    memo = coding.add_memo(project, f"Memo {word}", actor=code_actor, code=code, story=story)
    run = coding_themes.discover_themes(project, actor=CLI, k=2)

    rnd = community.open_round(project, f"Round {word}", user=coord)
    prio = community.raise_priority(project, f"Priority {word}", user=coord)
    prio2 = community.raise_priority(project, f"Damp {word}", user=coord)
    rq = community.adopt_priority(prio2, f"Why {word}?", user=coord)
    review = community.open_review(project, f"{slug}-c1", f"Finding {word}", user=coord)
    action = community.record_action(project, f"Ask {word}", "Council", user=coord)
    shared = shared_word(slug)
    note = community.publish_note(project, f"Note {shared}", worked=shared, user=coord)
    invitation, secret = accounts.invite(project, f"{up}M2", actor=coord)
    for role, user in s.users.items():
        s.tokens[role] = accounts.create_api_token(user, f"t-{slug}")[1]
    token_row = ApiToken.objects.filter(user=s.users["participant"]).first()
    report = {"fmt": "md", "audience": "project"}
    job = jobs.start(
        "evidence.report", actor=stories.Actor(f"web:{coord.username}", coord), project=project,
        params=report,
    )  # fmt: skip
    jobs.begin(job.pk)
    jobs.finish(job, file=jobs.Result(f"Report {word}".encode(), f"{word}.md", "text/markdown"))
    offer = Opportunity.objects.create(
        partner=spend_p, kind="spend", title=f"Offer {word}", price_minutes=60
    )
    member_user = s.users["participant"]
    own_job = jobs.start(
        "evidence.report", actor=stories.Actor(f"web:{member_user.username}", member_user),
        project=None, params=report,
    )  # fmt: skip
    jobs.begin(own_job.pk)
    jobs.finish(own_job, file=jobs.Result(f"Mine {word}".encode(), f"{word}.md", "text/plain"))

    # Files the project's coordinator uploaded and has not confirmed yet: the import pages
    # must not import them for anyone else, nor into another project.
    head = ",".join(["_uuid", "participant_code", *answers])
    texts = {
        "contributions": f"person_code,partner,date,hours,activity\n{member.code},"
        f"{earn_p.slug},2025-06-05,1,gardening\n",
        "stories": "external_id,text,participant_code,consent\n"
        f"ext-{slug}-up,An uploaded story {word}.,{member.code},project\n",
        "responses": f"{head}\nuuid-{slug}-up,{member.code},{','.join('7' for _ in answers)}\n",
    }
    pending = {
        f"upload_{kind}": str(uploads.keep_text(text, user=coord, project=project, kind=kind).pk)
        for kind, text in texts.items()
    }

    # an OpenRosa form of its own (its title carries the canary) and app credentials
    parsed = parse_xlsform(
        {
            "survey": [
                {
                    "type": "text",
                    "name": "note_text",
                    "label": f"Note {word}",
                    "image": f"{slug}.png",
                }
            ],
            "settings": [{"form_id": f"{slug}_form", "version": "1", "form_title": word}],
        },
        name=f"{slug}_form",
    )
    form = surveys._store(parsed, project, "", "seed").instrument
    png = Path(tempfile.mkdtemp()) / f"{slug}.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + word.encode())
    surveys.add_form_media(form, png, actor=OPERATOR)
    openrosa.story_form(project)  # stored now, so a form list writes nothing
    for role in ROLES:
        made, password = openrosa.create_credential(
            project, s.users[role].person.code, actor=OPERATOR
        )
        s.app_credentials[role] = base64.b64encode(f"{made.username}:{password}".encode()).decode()

    from tallytale.evidence import services as evidence

    custom = evidence.add_claim(slug, key=f"custom-{slug}", label=f"Life {word}",
                                item="ons4_life", kind="mean", actor_label="seed")  # fmt: skip
    from tallytale.evidence.models import MscCandidate

    candidate = MscCandidate.objects.create(
        project=project, story_id=story_ids["project"], added_by_label="seed"
    )
    s.ids.update(
        custom_claim=custom.key,
        msc_candidate=candidate.pk,
        **pending,
        form_id=f"{slug}_form",
        media_file=f"{slug}.png",
        app_credential=made.pk,
        slug=slug,
        programme=prog,
        person=member.code,
        staff_person=f"{up}P1",
        card=member.card_code,
        partner_earn=earn_p.slug,
        partner_spend=spend_p.slug,
        transfer=t_earn.pk,
        opportunity=offer.pk,
        transfer_spend=t_spend.pk,
        instrument=instrument.pk,
        wave=wave.pk,
        wave_name=wave.name,
        story=story_ids["project"],
        story_rt=story_ids["research_team"],
        story_public=story_ids["public"],
        signifier=signifier.name,
        code=code.pk,
        coding=human.pk,
        suggestion=suggestion.pk,
        memo=memo.pk,
        theme_run=run.pk,
        round=rnd.pk,
        priority=prio.pk,
        question=rq.pk,
        review=review.pk,
        claim_ref=f"{slug}-c1",
        action=action.pk,
        note=note.pk,
        invitation=secret,
        invitation_pk=invitation.pk,
        api_token=token_row.pk,
        job=job.pk,
        my_job=own_job.pk,
        canary=word,
        answers=answers,
    )
    return s

"""No story or survey answer reaches anyone the consent rules keep it from.

One seeded database: stories carrying unique canary strings at every consent level in two
projects (cwm and town), a story held for review, a story withdrawn after seeding, and
survey answers carrying canaries. Every canary story also holds a name and a phone number,
which only the teller and the research team's original view may ever show.

Then, as every role (the teller, another participant, researcher, coordinator, evaluator,
admin, an outsider from a project outside the programme, a coordinator of the other
project, and nobody), the test requests every GET page of the URL walk with real ids, every
API GET endpoint with that role's token, and the exports and reports the pages offer; and,
per audience, the story exports and reports built by the services. Each response is
searched (zip files unpacked) for canaries the role may not see, computed from
`tallytale.core.consent`, not from the code under test.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.urls import URLPattern

from tallytale.accounts import services as accounts
from tallytale.core import consent as consent_rules
from tallytale.evidence import render as evidence_render
from tallytale.evidence import services as evidence
from tallytale.jobs.models import Job
from tallytale.jobs.worker import run_pending
from tallytale.programmes import permissions
from tallytale.programmes import services as people
from tallytale.programmes.models import Person, Project
from tallytale.stories import services as stories
from tallytale.stories.exporters import export_stories
from tallytale.surveys import responses as surveys_responses
from tallytale.surveys import services as surveys
from tests.accounts.roles import cwm, role_users  # noqa: F401
from tests.actors import OPERATOR
from tests.surveys.forms import write_xlsform
from tests.test_routes import EXEMPT, EXEMPT_NAMESPACES, is_api, walk

NAME, PHONE = "Sarah Jones", "07700 900123"
PII = (NAME, PHONE)
CLI = stories.Actor("cli:test")
WITHDRAWN = "zqleakwithdrawnx"
#: words only in stories withdrawn after a theme run, and only in research-team-only stories
GONE_LABEL, TEAM_LABEL = "zqleakgonelabelx", "zqleakteamlabelx"
TAILS = (
    "I made new friends at the group and felt less lonely.",
    "The volunteers helped me with the forms and the doctor.",
    "We grew vegetables in the garden and shared the food.",
)


def canary(project: str, what: str) -> str:
    return f"zqleak{project}{what}x"


def _user(code: str, project: str, role: str) -> User:
    person = people.add_person(code, project, role, actor=OPERATOR)
    user = User.objects.create_user(username=code.lower())
    person.user = user
    person.save(update_fields=["user"])
    return user


@pytest.fixture
def world(scheme, role_users, tmp_path):  # noqa: F811
    users = dict(role_users)
    users["other_participant"] = _user("P2", "cwm", "participant")
    users["town_coordinator"] = _user("TC1", "town", "coordinator")
    tellers = {"cwm": users["participant"].person, "town": Person.objects.get(code="T1")}
    seeded = []  # (story, canary)
    for slug in ("cwm", "town"):
        project = Project.objects.get(slug=slug)
        for level in consent_rules.CONSENT_LEVELS:
            c = canary(slug, level.replace("_", ""))
            s = stories.collect(
                project,
                actor=CLI,
                text=f"My neighbour {NAME} rang me on {PHONE} about the garden. {c} was good.",
                title=f"{NAME} and the garden",
                language="en",
                consent_level=level,
                teller=tellers[slug],
            )
            assert not s.held_for_review and NAME not in s.text_redacted
            seeded.append((s, c))
    cwm_project = Project.objects.get(slug="cwm")
    held = stories.collect(
        cwm_project,
        actor=CLI,
        text=f"I rang {PHONE} at the garden. {canary('cwm', 'held')} was good.",
        consent_level="public",
        teller=tellers["cwm"],
    )
    assert held.held_for_review
    seeded.append((held, canary("cwm", "held")))
    gone = stories.collect(
        cwm_project,
        actor=CLI,
        text=f"{NAME} on {PHONE}: {WITHDRAWN} helped.",
        language="en",
        consent_level="public",
        teller=tellers["cwm"],
    )
    stories.withdraw_story(gone, actor=CLI)
    # a theme run over generated stories plus words that may only reach the research team,
    # or nobody once their stories are withdrawn (labels and terms are built of words)
    from tallytale.coding import themes as coding_themes
    from tallytale.demo.storygen import generate_corpus

    for i, g in enumerate(generate_corpus(12, seed=3, languages={"en": 1.0})):
        stories.collect(cwm_project, actor=CLI, text=g.text, language="en",
                        consent_level="public", external_id=f"gen-{i}")  # fmt: skip
    late = []
    for i in range(3):
        for word, level in ((GONE_LABEL, "public"), (TEAM_LABEL, "research_team")):
            s = stories.collect(
                cwm_project, actor=CLI, language="en", consent_level=level,
                text=f"The {word} {word} {word} {word} helped me. {TAILS[i]}",
            )  # fmt: skip
            if word == GONE_LABEL:
                late.append(s)
    run = coding_themes.discover_themes(cwm_project, actor=CLI, k=2)
    words = json.dumps(run.themes)
    assert GONE_LABEL in words and TEAM_LABEL in words  # both made it into labels or terms
    for s in late:
        stories.withdraw_story(s, actor=CLI)
    # survey answers with canaries, one form per project
    form = write_xlsform(
        tmp_path / "leak.xlsx",
        [["type", "name", "label"], ["text", "comment", "Anything else?"]],
        settings=[["form_id", "version"], ["leak_form", "1"]],
    )
    instruments, answers = {}, []
    for slug in ("cwm", "town"):
        inst = surveys.import_instrument(form, slug).instrument
        instruments[slug] = inst
        c = canary(slug, "survey")
        surveys_responses.submit_response(inst, {"comment": c}, person=tellers[slug])
        answers.append((inst, tellers[slug], c))
    return users, seeded, gone, instruments, answers


def text_of(response) -> str:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            body = b"\n".join(z.read(n) for n in z.namelist())
    return body.decode("utf-8", "replace")


def story_allowed(user, story) -> str | None:
    """What the consent table (not the app) says `user` may read of `story`."""
    if user is None:
        return None
    person = user.person
    return consent_rules.may_read(
        research_team=permissions.can(user, "story.read_original", story.project),
        member=permissions.can(user, "story.read_project", story.project),
        is_teller=story.teller_id == person.pk,
        is_collector=story.collector_id == person.pk,
        consent_level=story.consent_level,
        withdrawn=story.withdrawn,
        held=story.held_for_review,
    )


def candidates(name: str, p: URLPattern, world) -> list[tuple[dict, str]]:
    """(kwargs, query string) to request for a route, or [] for ids this test has not seeded."""
    _, seeded, _, instruments, _ = world
    params = set(re.findall(r"<(?:\w+:)?(\w+)>", str(p.pattern)))
    out: list[tuple[dict, str]] = [({}, "")]

    def expand(key: str, values: list) -> None:
        nonlocal out
        out = [({**kw, key: v}, q) for kw, q in out for v in values]

    if name == "coding:theme_run":
        from tallytale.coding.models import ThemeRun

        return [({"slug": r.project.slug, "pk": r.pk}, "") for r in ThemeRun.objects.all()]
    if "pk" in params:
        if not name.startswith(("stories:", "coding:story")):
            return []
        out = [({"slug": s.project.slug, "pk": s.pk}, "") for s, _ in seeded]
        if name == "stories:detail":
            out += [(kw, "original=1") for kw, _ in out]
        params -= {"pk", "slug"}
    if "instrument_id" in params:
        out = [
            ({**kw, "instrument_id": i.pk, "slug": s}, q)
            for kw, q in out
            for s, i in instruments.items()
        ]
        params -= {"instrument_id", "slug"}
    for key in sorted(params):
        if key == "slug":
            expand("slug", ["cwm", "town"])
        elif key == "programme":
            expand("programme", ["valleys"])
        elif key == "code":
            expand("code", ["P1", "T1", "P2"])
        elif key == "fmt":
            fmts = ["json", "md", "html"] if name == "evidence:download" else ["csv", "json"]
            expand("fmt", fmts)
        elif key == "kind":
            expand("kind", ["qdc", "qdpx"])
        else:
            return []
    if name.startswith("evidence:"):
        out = [(kw, f"audience={a}") for kw, _ in out for a in consent_rules.AUDIENCES]
    return out


def fill(route: str, kwargs: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)


@pytest.mark.slow
def test_no_canary_reaches_anyone_it_should_not(client, world):
    users, seeded, gone, instruments, answers = world
    who_all = ["anonymous", *users]
    tokens = {w: accounts.create_api_token(u, "leak")[1] for w, u in users.items()}
    pages: list[tuple[str, bool]] = []  # (path, api)
    for route, name, p in walk():
        if name in EXEMPT or name.startswith(EXEMPT_NAMESPACES):
            continue
        if is_api(p):
            api_path = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", route)
            for slug in ("cwm", "town"):
                for code in ("P1", "T1"):
                    pages.append(
                        (
                            fill(
                                api_path,
                                {
                                    "slug": slug,
                                    "code": code,
                                    "story_id": 0,
                                    "priority_id": 0,
                                    "finding_id": 0,
                                },
                            ),
                            True,
                        )
                    )
            continue
        for kwargs, query in candidates(name, p, world):
            pages.append((fill(route, kwargs) + (f"?{query}" if query else ""), False))
    # survey answers leave as export jobs now: the coordinator queues each project's export,
    # a worker runs it, and every role's crawl tries the job's download
    for slug, inst in instruments.items():
        client.force_login(users["coordinator"])
        client.post(f"/p/{slug}/export/survey-{inst.pk}.csv", {"idempotency_key": f"leak-{slug}"})
    run_pending()
    for job in Job.objects.filter(kind="surveys.export", state="done"):
        pages.append((f"/p/{job.project.slug}/jobs/{job.pk}/download", False))
    client.logout()
    pages = sorted(set(pages))

    leaks: list[str] = []
    seen: dict[str, set[str]] = {w: set() for w in who_all}
    all_canaries = [c for _, c in seeded] + [c for _, _, c in answers]
    requests = 0
    errors: set[str] = set()  # 5xx are not leaks; test_routes and schemathesis catch them
    client.raise_request_exception = False
    for who in who_all:
        user = users.get(who)
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        allowed = {c for s, c in seeded if story_allowed(user, s)}
        allowed |= {
            c
            for inst, person, c in answers
            if user is not None
            and (
                user.person == person or permissions.can(user, "survey.read_answers", inst.project)
            )
        }
        originals = {c for s, c in seeded if story_allowed(user, s) == consent_rules.ORIGINAL}
        for path, api in pages:
            headers = (
                {"HTTP_AUTHORIZATION": f"Bearer {tokens[who]}"} if api and who in tokens else {}
            )
            r = client.get(path, **headers)
            requests += 1
            if r.status_code >= 500:
                errors.add(f"{r.status_code} {path}")
            if r.status_code != 200:
                continue
            body = text_of(r)
            found = {c for c in all_canaries if c in body}
            seen[who] |= found
            for c in sorted(found - allowed):
                leaks.append(f"{who} GET {path}: canary {c}")
            for word in (WITHDRAWN, GONE_LABEL):
                if word in body:
                    leaks.append(f"{who} GET {path}: withdrawn story's words ({word})")
            team = user is not None and permissions.can(
                user, "story.read_original", Project.objects.get(slug="cwm")
            )
            if TEAM_LABEL in body and not team:
                leaks.append(f"{who} GET {path}: research-team-only words")
            pii = [x for x in PII if x in body]
            teller_page = who == "participant" and not api
            original_view = "original=1" in path and found & originals
            if pii and not (teller_page or original_view):
                leaks.append(
                    f"{who} GET {path}: original PII {pii} (canaries here: {sorted(found)})"
                )
    client.logout()

    # every story a role may read did reach them somewhere (the crawl is not empty-handed)
    for who in who_all:
        expected = {c for s, c in seeded if story_allowed(users.get(who), s)}
        assert expected <= seen[who], (who, sorted(expected - seen[who]))
    assert seen["coordinator"] >= {canary("cwm", "survey")}  # the survey export
    assert requests > 500

    # exports and reports built per audience, straight from the services
    for slug in ("cwm", "town"):
        project = Project.objects.get(slug=slug)
        for audience in consent_rules.AUDIENCES:
            allowed = {
                c
                for s, c in seeded
                if s.project_id == project.pk
                and consent_rules.audience_may_read(
                    audience,
                    consent_level=s.consent_level,
                    withdrawn=s.withdrawn,
                    held=s.held_for_review,
                )
            }
            outputs = {}
            for fmt in ("csv", "json"):
                body, _ = export_stories(project, fmt, audience, actor_label="test")
                outputs[f"stories.{fmt}"] = body if isinstance(body, str) else json.dumps(body)
            report = evidence.build_report(project=slug, audience=audience)
            for fmt in ("json", "md", "html"):
                outputs[f"report.{fmt}"] = evidence_render.render(report, fmt).decode()
            for what, body in outputs.items():
                found = {c for c in all_canaries if c in body}
                for c in sorted(found - allowed):
                    leaks.append(f"{slug} {audience} {what}: canary {c}")
                team_only = () if audience == consent_rules.RESEARCH_TEAM else (TEAM_LABEL,)
                for x in (*PII, WITHDRAWN, GONE_LABEL, *team_only):
                    if x in body:
                        leaks.append(f"{slug} {audience} {what}: {x!r}")
            stories_json = outputs["stories.json"]
            assert allowed <= {c for c in all_canaries if c in stories_json}, (slug, audience)

    # the withdrawn story's words are in no table at all
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            cur.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = repr(cur.fetchall())
            assert WITHDRAWN not in rows and GONE_LABEL not in rows, table
    assert leaks == [], "\n".join(leaks + sorted(errors))

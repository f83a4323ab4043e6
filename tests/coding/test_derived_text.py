"""Theme labels, terms, report topics and coding excerpts are made of stories' words, so
each must be built only from stories its readers may read, and must lose a story's words
when the story is withdrawn (also when the withdrawal races with coding or discovery)."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection, connections

from tallytale.coding import access as coding_access
from tallytale.coding import services, themes
from tallytale.coding.models import Coding, ThemeRun
from tallytale.core import themes as core_themes
from tallytale.errors import NotFound
from tallytale.evidence import services as evidence
from tallytale.stories import services as story_services
from tallytale.stories.models import Story

CLI = services.Actor("cli:test")
GONE = "zqcanarygone"
SECRET = "zqcanarysecret"


def _corpus(project, n: int = 20, consent: str = "public") -> list[Story]:
    from tallytale.demo.storygen import generate_corpus

    drafts = []
    for i, g in enumerate(generate_corpus(n, seed=5, languages={"en": 1.0})):
        d, errors = story_services.prepare(
            project, text=g.text, language="en", external_id=f"gen-{i}", consent_level=consent
        )
        assert not errors, errors
        drafts.append(d)
    return story_services.collect_many(drafts, actor=CLI)


def _canary_stories(make_story, word: str, consent: str, n: int = 3) -> list[Story]:
    tails = (
        "I made new friends at the group and felt less lonely.",
        "The volunteers helped me with the forms and the doctor.",
        "We grew vegetables in the garden and shared the food.",
        "I learned to use a computer at the library.",
    )
    return [
        make_story(
            f"The {word} {word} {word} {word} helped me. {tails[i % len(tails)]}",
            consent_level=consent,
        )  # fmt: skip
        for i in range(n)
    ]


def _words_of_runs() -> str:
    return json.dumps([[r.themes, r.parameters] for r in ThemeRun.objects.all()])


def test_label_themes_uses_only_the_texts_given():
    texts = ["garden beans garden"] * 3 + ["library books library"] * 3
    out = core_themes.label_themes(texts, [1, 1, 1, 2, 2, 2], [1, 2, 3])
    assert "garden" in out[1][0] and "library" in out[2][0]
    assert out[3] == ("theme 3", ())
    assert core_themes.label_themes([], [], [1]) == {1: ("theme 1", ())}


def test_withdrawal_rebuilds_theme_labels_and_terms(cwm, make_story):
    _corpus(cwm)
    gone = _canary_stories(make_story, GONE, "public")
    run = themes.discover_themes(cwm, actor=CLI, k=2)
    assert GONE in _words_of_runs()  # the canary made it into a label or its terms
    for s in gone:
        story_services.withdraw_story(s, actor=CLI)
    assert GONE not in _words_of_runs()
    run.refresh_from_db()
    assert run.n_stories == 20 and sum(t["size"] for t in run.themes) == 20
    assert not {s.pk for s in gone} & {r for t in run.themes for r in t["representative_story_ids"]}


def test_withdrawing_everything_a_person_told_rebuilds_labels(cwm, make_story, users):
    _corpus(cwm)
    teller = users["member"].person
    for s in _canary_stories(make_story, GONE, "public"):
        Story.objects.filter(pk=s.pk).update(teller=teller)
    themes.discover_themes(cwm, actor=CLI, k=2)
    assert GONE in _words_of_runs()
    story_services.withdraw_everything(teller, actor=CLI)
    assert GONE not in _words_of_runs()


def test_labels_shown_to_evaluators_and_reports_come_only_from_stories_they_may_read(
    client, cwm, make_story, users
):
    _corpus(cwm)
    _canary_stories(make_story, SECRET, "research_team")
    # a report with no theme run discovers themes on the fly
    for audience in ("project", "public"):
        report = json.dumps(evidence.build_report(project="cwm", audience=audience))
        assert SECRET not in report, audience
    assert SECRET in json.dumps(evidence.build_report(project="cwm", audience="research_team"))

    run = themes.discover_themes(cwm, actor=CLI, k=2)
    assert SECRET in _words_of_runs()
    client.force_login(users["evaluator"])
    page = client.get(f"/coding/cwm/themes/{run.pk}/")
    assert page.status_code == 200 and SECRET not in page.content.decode()
    client.force_login(users["alice"])
    assert SECRET in client.get(f"/coding/cwm/themes/{run.pk}/").content.decode()
    for audience in ("project", "public"):
        report = evidence.build_report(project="cwm", audience=audience)
        assert SECRET not in json.dumps(report), audience
        assert all(SECRET not in t for c in report["claims"] for t in c["topic"])
    # the evaluator's labels are kept, and rebuilt when the stories they stand on change
    labels = themes.theme_labels(run, "project")
    assert themes.theme_labels(run, "project") == labels
    run.refresh_from_db()
    assert "project" in run.parameters["audience_labels"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "sqlite" in __import__("os").environ.get("DATABASE_URL", "sqlite"),
    reason="SQLite serialises writers; the race needs PostgreSQL's concurrent transactions",
)
def test_withdrawal_racing_with_coding_leaves_no_excerpt(cwm, make_story, monkeypatch):
    """The coder has read the story's text when the withdrawal starts; withdrawal must win:
    either the coder finds no story, or its coding is erased by the withdrawal."""
    assert connection.vendor == "postgresql"
    phrase = "zqcanaryrace words"
    story = make_story(f"Before. {phrase} after.", consent_level="project")
    code = services.add_code(cwm, "Race", actor=CLI)
    read_done, withdrawn = threading.Event(), threading.Event()
    original = coding_access.text_for

    def slow_text_for(actor, s):
        out = original(actor, s)
        read_done.set()
        withdrawn.wait(timeout=3)  # with a row lock the withdrawal cannot finish meanwhile
        return out

    monkeypatch.setattr(services, "text_for", slow_text_for)
    errors: list[BaseException] = []

    def coder():
        try:
            services.code_story(story, code, actor=CLI, phrase=phrase)
        except NotFound:
            pass
        except BaseException as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    def withdrawer():
        try:
            read_done.wait(timeout=10)
            story_services.withdraw_story(Story.objects.get(pk=story.pk), actor=CLI)
            withdrawn.set()
        except BaseException as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=coder), threading.Thread(target=withdrawer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert Story.objects.get(pk=story.pk).withdrawn
    assert not Coding.objects.filter(story_id=story.pk).exists()
    assert not Coding.objects.filter(excerpt__contains="zqcanaryrace").exists()

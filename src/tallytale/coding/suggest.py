"""Suggested codes: learn each code from the stories people coded, suggest it for the rest.

Method: one binary classifier per code (one-vs-rest) on TF-IDF word 1-2-grams of the redacted
analysis text, logistic regression with balanced class weights (codes are rare, so an
unweighted model would learn "never"). A story is a positive for a code if any counted
coding (human or accepted, any coder) applied it anywhere in the story; every other coded
story is a negative. Quality is reported as stratified k-fold cross-validated precision
and recall per code, at the same threshold used to suggest.

Suggestions are stored as whole-story codings with origin `suggested` and the predicted
probability as confidence. They are never counted until a person accepts them; rejected
suggestions are kept so the same (story, code) is not proposed again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from tallytale.errors import InvalidInput
from tallytale.programmes.models import Project
from tallytale.stories import access

from . import access as coding_access
from . import services
from .models import COUNTED, Code, Coding, Origin

MIN_POSITIVES = 5
SOURCE = "classifier"


@dataclass(frozen=True)
class CodeQuality:
    code_id: int
    code: str
    positives: int
    precision: float | None
    recall: float | None
    suggested: int


@dataclass(frozen=True)
class SuggestReport:
    n_training: int
    n_candidates: int
    threshold: float
    folds: int
    per_code: list[CodeQuality] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "n_training": self.n_training,
            "n_candidates": self.n_candidates,
            "threshold": self.threshold,
            "folds": self.folds,
            "per_code": [q.__dict__ for q in self.per_code],
            "skipped": self.skipped,
        }


def _model(seed: int):
    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=50000),
        LogisticRegression(class_weight="balanced", max_iter=1000, C=4.0, random_state=seed),
    )


def _precision_recall(y: np.ndarray, pred: np.ndarray) -> tuple[float | None, float | None]:
    tp = int(((pred == 1) & (y == 1)).sum())
    fp = int(((pred == 1) & (y == 0)).sum())
    fn = int(((pred == 0) & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def suggest_codes(
    project: Project,
    *,
    actor: services.Actor,
    threshold: float = 0.5,
    folds: int = 5,
    seed: int = 0,
    store: bool = True,
) -> SuggestReport:
    """Train per-code classifiers on the coded stories the actor may see, report their
    cross-validated precision/recall and (with `store`) replace the pending classifier
    suggestions on uncoded stories with fresh ones at or above `threshold`."""
    coding_access._require(actor, "coding.code", project)
    if not 0 < threshold < 1:
        raise InvalidInput(_("threshold must be between 0 and 1"))
    stories = list(coding_access.visible(actor, project).order_by("pk"))
    viewer = coding_access._viewer(actor)
    texts = {s.pk: access.story_text_for(viewer, s) or "" for s in stories}
    counted = Coding.objects.filter(
        project=project, origin__in=COUNTED, rejected_at__isnull=True, story_id__in=list(texts)
    ).values_list("story_id", "code_id")
    labels: dict[int, set[int]] = defaultdict(set)
    for sid, cid in counted:
        labels[sid].add(cid)
    train_ids = [sid for sid in texts if sid in labels and texts[sid].strip()]
    candidates = [sid for sid in texts if sid not in labels and texts[sid].strip()]
    codes = {c.pk: c for c in Code.objects.filter(project=project, active=True)}
    rejected = set(
        Coding.objects.filter(project=project, rejected_at__isnull=False).values_list(
            "story_id", "code_id"
        )
    )
    x_train = [texts[s] for s in train_ids]
    x_cand = [texts[s] for s in candidates]
    report = SuggestReport(len(train_ids), len(candidates), threshold, folds)
    new: list[Coding] = []
    for cid, code in sorted(codes.items(), key=lambda kv: kv[1].name.lower()):
        y = np.array([1 if cid in labels[s] else 0 for s in train_ids])
        pos = int(y.sum())
        if pos < MIN_POSITIVES or len(y) - pos < MIN_POSITIVES:
            report.skipped[code.name] = (
                f"needs {MIN_POSITIVES}+ coded stories with and without it ({pos} with)"
            )
            continue
        k = min(folds, pos, len(y) - pos)
        cv = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
        proba = cross_val_predict(_model(seed), x_train, y, cv=cv, method="predict_proba")[:, 1]
        precision, recall = _precision_recall(y, (proba >= threshold).astype(int))
        made = 0
        if store and x_cand:
            model = _model(seed).fit(x_train, y)
            for sid, p in zip(candidates, model.predict_proba(x_cand)[:, 1], strict=True):
                if p >= threshold and (sid, cid) not in rejected:
                    new.append(
                        Coding(
                            project=project,
                            story_id=sid,
                            code=code,
                            coder_label=services.MACHINE_LABEL,
                            origin=Origin.SUGGESTED,
                            confidence=round(float(p), 4),
                            source=SOURCE,
                        )
                    )
                    made += 1
        report.per_code.append(CodeQuality(cid, code.path(), pos, precision, recall, made))
    if store:
        with transaction.atomic():
            Coding.objects.filter(
                project=project, origin=Origin.SUGGESTED, source=SOURCE, rejected_at__isnull=True
            ).delete()
            by_id = {s.pk: s for s in stories}
            for c in new:
                c.field = access.analysis_field(by_id[c.story_id])
            Coding.objects.bulk_create(new, batch_size=2000)
    return report

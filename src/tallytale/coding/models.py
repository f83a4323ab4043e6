"""Codebooks, codings, memos, theme runs and stored embeddings.

Why these shapes: a coding points at a span of the text coders actually see (the redacted
text, or the redacted transcript of a recording) and keeps its own copy of the excerpt, so
the codebook can be exported and agreement computed without re-reading stories. Because
those copies hold a teller's words, every table here that holds them is cleared when the
story is withdrawn (see `signals.py`). Change state only through `tallytale.coding.services`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tallytale.programmes.models import Project
from tallytale.stories.models import Story


class Origin(models.TextChoices):
    HUMAN = "human", _("Coded by a person")
    SUGGESTED = "suggested", _("Suggested by the machine (not counted)")
    ACCEPTED = "accepted", _("Suggested, then accepted by a person")


#: codings that count as codes (suggestions only count once accepted)
COUNTED = (Origin.HUMAN, Origin.ACCEPTED)


class Code(models.Model):
    """One code of a project's hierarchical codebook.

    Codes are never deleted: a merged code stays as a row with `merged_into` set and
    `active=False`, so history and old exports still resolve.
    """

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="codes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    example = models.TextField(blank=True)
    colour = models.CharField(max_length=7, blank=True, help_text="#RRGGBB")
    guid = models.UUIDField(default=uuid.uuid4, unique=True, help_text="REFI-QDA GUID")
    active = models.BooleanField(default=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_label = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["project", "name", "id"]
        indexes = [models.Index(fields=["project", "active"])]

    def __str__(self) -> str:
        return self.name

    def path(self) -> str:
        """'Parent / Child' for display."""
        names, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = node.parent
        return " / ".join(reversed(names))


class CodeHistory(models.Model):
    """Append-only log of codebook changes (create, edit, rename, move, merge, split,
    promote, import); never updated or deleted."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="code_history")
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="history")
    action = models.CharField(max_length=20)
    detail = models.JSONField(default=dict, blank=True)
    by_label = models.CharField(max_length=120)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "code history"


class Coding(models.Model):
    """A code applied to a story, to a span (`start`..`end`, Python slice offsets into the
    redacted analysis field) or to the whole story (`start` and `end` null)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="codings")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="codings")
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="codings")
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="codings",
    )
    coder_label = models.CharField(
        max_length=120, help_text="Who coded: username, cli:<user>, or an imported REFI user"
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.HUMAN)
    field = models.CharField(max_length=20, default="text", help_text="text or transcript")
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    excerpt = models.TextField(blank=True, help_text="The redacted words of the span")
    confidence = models.FloatField(null=True, blank=True, help_text="For suggestions")
    source = models.CharField(
        max_length=40, blank=True, help_text="classifier, theme run #, refi import, ..."
    )
    rejected_at = models.DateTimeField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=120, blank=True)
    guid = models.UUIDField(
        null=True, blank=True, help_text="REFI-QDA GUID it was imported with (kept on re-export)"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["story", "start", "id"]
        indexes = [
            models.Index(fields=["project", "origin"]),
            models.Index(fields=["story", "code"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(start__isnull=True) & models.Q(end__isnull=True))
                | (
                    models.Q(start__isnull=False)
                    & models.Q(end__isnull=False)
                    & models.Q(end__gt=models.F("start"))
                ),
                name="coding_span_valid",
            ),
        ]

    @property
    def whole_story(self) -> bool:
        return self.start is None

    @property
    def counted(self) -> bool:
        return self.origin in COUNTED and self.rejected_at is None


class Memo(models.Model):
    """A researcher's note on a code or on a story (or on the project, with neither)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="memos")
    code = models.ForeignKey(
        Code, null=True, blank=True, on_delete=models.PROTECT, related_name="memos"
    )
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.CASCADE, related_name="memos"
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(max_length=120)
    guid = models.UUIDField(
        null=True, blank=True, help_text="REFI-QDA GUID it was imported with (kept on re-export)"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class ThemeRun(models.Model):
    """One run of theme discovery. `themes` is the JSON of `ThemeResult.to_json()["themes"]`
    (labels are aggregate terms, not sentences)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="theme_runs")
    method = models.CharField(max_length=20)
    k = models.PositiveSmallIntegerField()
    seed = models.IntegerField(default=0)
    auto = models.BooleanField(default=False)
    auto_reason = models.TextField(blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    n_stories = models.PositiveIntegerField(default=0)
    themes = models.JSONField(default=list, blank=True)
    seconds = models.FloatField(default=0.0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_label = models.CharField(max_length=120)

    class Meta:
        ordering = ["-id"]

    def theme(self, theme_id: int) -> dict | None:
        for t in self.themes:
            if t["id"] == theme_id:
                return t
        return None


class ThemeAssignment(models.Model):
    run = models.ForeignKey(ThemeRun, on_delete=models.CASCADE, related_name="assignments")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="theme_assignments")
    theme_id = models.PositiveSmallIntegerField()
    confidence = models.FloatField(help_text="1 - flagged for review; see docs/coding.md")
    low_confidence = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "story"], name="uniq_theme_assignment"),
        ]
        indexes = [models.Index(fields=["run", "theme_id"])]


class StoryEmbedding(models.Model):
    """A sentence embedding of a story's redacted analysis text, computed once and reused
    while the text is unchanged (`text_sha256`)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="embeddings")
    model = models.CharField(max_length=80)
    text_sha256 = models.CharField(max_length=64)
    dims = models.PositiveSmallIntegerField()
    vector = models.BinaryField(help_text="float32, little-endian")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "model"], name="uniq_story_embedding"),
        ]

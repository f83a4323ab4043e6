"""Stories told by participants, the teller's own signification of them, and their consent.

A Story row outlives its withdrawal as a tombstone: every field that held the teller's words
(title, text, translation, transcript, their redacted copies, redaction spans) is blanked,
signifier answers are deleted, the recording is deleted from disk, and `withdrawn_at` is
set. The row keeps only its id, project, external id (so a re-import cannot bring the story
back) and who withdrew it when. Change state only through `tallytale.stories.services`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tallytale.core import consent as consent_rules
from tallytale.programmes.models import Organisation, Person, Project

#: fields that hold the teller's words; each has a `<field>_redacted` twin
TEXT_FIELDS: tuple[str, ...] = ("title", "text", "translation", "transcript")


class ConsentLevel(models.TextChoices):
    RESEARCH_TEAM = consent_rules.RESEARCH_TEAM, _("Research team only")
    PROJECT = consent_rules.PROJECT, _("Members of the project")
    PUBLIC = consent_rules.PUBLIC, _("May be quoted in published reports")


class ConsentMethod(models.TextChoices):
    SPOKEN = "spoken", _("Spoken")
    SIGNED = "signed", _("Signed (sign language)")
    WRITTEN = "written", _("Written")
    ONLINE = "online", _("Online")


class Medium(models.TextChoices):
    TEXT = "text", _("Written")
    AUDIO = "audio", _("Audio recording")
    VIDEO = "video", _("Video recording")


class Prompt(models.Model):
    """A question a project asks ("Tell us about a time when ...")."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="story_prompts")
    text = models.CharField(max_length=500)
    #: the same prompt in other languages, by primary language code ({"cy": "Dywedwch …"}),
    #: so a Welsh speaker is asked in Welsh (Welsh Language Standards) and an Arabic speaker
    #: in Arabic; `text` is the prompt as first written
    translations = models.JSONField(default=dict, blank=True)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text_in(get_language())

    def text_in(self, language: str | None) -> str:
        """The prompt in `language` when it has that translation, else as first written."""
        primary = (language or "").split("-")[0].lower()
        return str((self.translations or {}).get(primary) or self.text)


class Signifier(models.Model):
    """A self-signification question the teller answers about their own story.

    `options` by kind: choice -> list of option labels; slider -> [left pole, right pole];
    triad -> [pole A, pole B, pole C]; scale -> list of labels from `scale_min` to
    `scale_max` (may be empty).
    """

    class Kind(models.TextChoices):
        CHOICE = "choice", _("Multiple choice")
        SLIDER = "slider", _("Slider between two poles (0-100)")
        TRIAD = "triad", _("Triad (three poles)")
        SCALE = "scale", _("Scale (e.g. how did this make you feel)")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="signifiers")
    name = models.CharField(
        max_length=60, help_text="Short name, used in import columns sig:<name>"
    )
    label = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    options = models.JSONField(default=list, blank=True)
    multiple = models.BooleanField(default=True, help_text="choice: may the teller pick several?")
    scale_min = models.SmallIntegerField(default=1)
    scale_max = models.SmallIntegerField(default=5)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="uniq_signifier_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Story(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="stories")
    external_id = models.CharField(max_length=100, blank=True)
    prompt = models.ForeignKey(
        Prompt, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    medium = models.CharField(max_length=10, choices=Medium.choices, default=Medium.TEXT)
    language = models.CharField(max_length=35, blank=True, help_text="BCP 47, e.g. cy, ar, bfi")
    title = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    translation = models.TextField(blank=True)
    translation_language = models.CharField(max_length=35, blank=True)
    transcript = models.TextField(blank=True)
    transcript_language = models.CharField(max_length=35, blank=True)
    title_redacted = models.CharField(max_length=400, blank=True)
    text_redacted = models.TextField(blank=True)
    translation_redacted = models.TextField(blank=True)
    transcript_redacted = models.TextField(blank=True)
    #: field -> spans the detector found ([{start, end, type}]); corrections in RedactionCorrection
    redaction_spans = models.JSONField(default=dict, blank=True)
    held_for_review = models.BooleanField(default=False, db_index=True)
    review_reasons = models.JSONField(default=list, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by_label = models.CharField(max_length=120, blank=True)
    media_path = models.CharField(
        max_length=300, blank=True, help_text="Relative to MEDIA_ROOT; never a public URL."
    )
    media_type = models.CharField(max_length=60, blank=True)
    media_size = models.PositiveBigIntegerField(default=0)
    teller = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="stories_told"
    )
    collector = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="stories_collected"
    )
    #: a story told on behalf of a partner organisation (its contact gave consent)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="stories"
    )
    contact_name = models.CharField(
        max_length=120, blank=True, help_text="the organisation's contact who told it"
    )
    collected_by_label = models.CharField(max_length=120, blank=True)
    collected_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    consent_level = models.CharField(
        max_length=20, choices=ConsentLevel.choices, default=ConsentLevel.RESEARCH_TEAM
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, db_index=True)
    withdrawn_by_label = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "external_id"],
                condition=~models.Q(external_id=""),
                name="uniq_story_external_id",
            ),
        ]

    def __str__(self) -> str:
        return f"story {self.pk}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_recording(self) -> bool:
        return self.medium != Medium.TEXT


class ConsentRecord(models.Model):
    """Append-only history of a story's consent; the latest row equals Story.consent_level."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    level = models.CharField(max_length=20, choices=ConsentLevel.choices)
    method = models.CharField(max_length=10, choices=ConsentMethod.choices)
    info_sheet_version = models.CharField(max_length=40, blank=True)
    taken_by_label = models.CharField(max_length=120)
    taken_at = models.DateTimeField(auto_now_add=True)
    by_teller = models.BooleanField(
        default=False, help_text="Changed by the teller themselves (else on their behalf)."
    )

    class Meta:
        ordering = ["id"]


class SignifierAnswer(models.Model):
    """The teller's answer: choice -> list of labels; slider/scale -> int; triad -> 3 floats."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="answers")
    signifier = models.ForeignKey(Signifier, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField()
    note = models.CharField(max_length=500, blank=True, help_text="The teller's own words.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "signifier"], name="uniq_story_signifier"),
        ]


class RedactionCorrection(models.Model):
    """A coordinator's hand correction, appended; spans only (offsets and type), no text."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(max_length=20)
    added = models.JSONField(default=list, blank=True)
    removed = models.JSONField(default=list, blank=True)
    by_label = models.CharField(max_length=120)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

"""Instruments (from XLSForms or built in), waves, responses, typed answers and scores.

An Instrument is one version of a form (`form_id`, `version`); importing a new version
adds a new Instrument, so old responses stay readable against the questions they
answered. Responses keep their raw answers as JSON (keyed by question path) and, for
analysis, one typed `Answer` row per answered question plus `ScaleScore` rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tallytale.programmes.models import Organisation, Person, Project


class Instrument(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="instruments")
    form_id = models.CharField(max_length=100)
    version = models.CharField(max_length=60, blank=True)
    title = models.CharField(max_length=300, blank=True)
    builtin = models.CharField(max_length=40, blank=True, help_text="key of a built-in, if any")
    default_language = models.CharField(max_length=80, blank=True)
    languages = models.JSONField(default=list, help_text="form language names, e.g. 'Cymraeg (cy)'")
    definition = models.JSONField(help_text="pyxform's JSON for the form, as imported")
    xform = models.TextField(
        blank=True, help_text="the XForm XML pyxform produced at import (its md5 is the form hash)"
    )
    unsupported = models.JSONField(
        default=list, help_text="expressions kept but not evaluated server-side"
    )
    source_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "form_id", "version"], name="uniq_instrument_version"
            )
        ]
        ordering = ["form_id", "-created_at"]

    def __str__(self) -> str:
        return f"{self.form_id} v{self.version}" if self.version else self.form_id


class FormMedia(models.Model):
    """A media file a form's labels use (`jr://images/...`, audio prompts), kept privately
    and served to ODK Collect through the OpenRosa manifest with its md5."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="media")
    filename = models.CharField(max_length=255)
    path = models.CharField(max_length=300, help_text="private file under the media root")
    size = models.PositiveBigIntegerField()
    md5 = models.CharField(max_length=32)
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["filename"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "filename"], name="uniq_form_media")
        ]


class Question(models.Model):
    """Every survey-sheet row pyxform accepts, groups and repeats included, in form order."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    path = models.CharField(max_length=600, help_text="group/…/name, as in Kobo/ODK exports")
    type = models.CharField(max_length=60, help_text="pyxform type, e.g. 'select one', 'group'")
    parent_path = models.CharField(max_length=600, blank=True)
    repeat_path = models.CharField(
        max_length=600, blank=True, help_text="innermost enclosing repeat, if any"
    )
    list_name = models.CharField(max_length=200, blank=True)
    label = models.JSONField(default=dict)
    hint = models.JSONField(default=dict)
    relevant = models.TextField(blank=True)
    constraint = models.TextField(blank=True)
    constraint_message = models.JSONField(default=dict)
    required = models.BooleanField(default=False)
    required_message = models.JSONField(default=dict)
    calculation = models.TextField(blank=True)
    default = models.TextField(blank=True)
    appearance = models.CharField(max_length=200, blank=True)
    choice_filter = models.TextField(blank=True)
    parameters = models.JSONField(default=dict)
    extra = models.JSONField(default=dict, help_text="anything else pyxform kept for this row")

    class Meta:
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "path"], name="uniq_question_path")
        ]

    def __str__(self) -> str:
        return self.path


class Choice(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="choices")
    list_name = models.CharField(max_length=200)
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    label = models.JSONField(default=dict)
    extra = models.JSONField(default=dict, help_text="other columns, e.g. cascading filters")

    class Meta:
        ordering = ["instrument", "list_name", "position"]


class Wave(models.Model):
    """A round of data collection in a project (baseline, 6 months, ...)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="waves")
    name = models.SlugField(max_length=63)
    label = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="uniq_wave_name"),
        ]
        ordering = ["project", "position", "name"]

    def __str__(self) -> str:
        return self.label or self.name


class Response(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="responses")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="responses")
    wave = models.ForeignKey(
        Wave, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    #: a partner organisation answering (its contact named below) instead of a person
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    contact_name = models.CharField(
        max_length=120, blank=True, help_text="who answered on the organisation's behalf"
    )
    submission_id = models.CharField(
        max_length=100, unique=True, help_text="Kobo _uuid / ODK instanceID without 'uuid:'"
    )
    source = models.CharField(max_length=20, default="web")
    language = models.CharField(max_length=80, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by_label = models.CharField(max_length=120, blank=True)
    data = models.JSONField(default=dict, help_text="answers by question path (raw)")
    scores = models.JSONField(default=dict, help_text="computed scale scores, for exports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["instrument", "wave"])]
        constraints = [
            # the respondent is a person or a partner organisation, never both or neither
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, organisation__isnull=True)
                | models.Q(person__isnull=True, organisation__isnull=False),
                name="response_one_respondent",
            )
        ]


class Answer(models.Model):
    """One typed answer, for analysis in SQL. select_multiple keeps the space-separated
    choice names in value_text; repeats carry their 1-based instance in repeat_index."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    repeat_index = models.PositiveIntegerField(default=0)
    value_text = models.TextField(blank=True)
    value_number = models.FloatField(null=True, blank=True)
    value_date = models.DateField(null=True, blank=True)


class ScaleScore(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="scale_scores")
    scale = models.CharField(max_length=60, help_text="swemwbs, ons4_life, tc_healthier, ...")
    value = models.FloatField(null=True, blank=True, help_text="metric score or item value")
    raw = models.FloatField(null=True, blank=True)
    band = models.CharField(max_length=40, blank=True)
    imputed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "scale"], name="uniq_scale_score")
        ]

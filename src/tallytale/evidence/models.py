"""Evidence: custom claims (with their last computed result) and the log of built reports.

Standard claims are derived from a project's instruments, waves, stories and ledger every
time a report is built (`services.standard_claims`); a `Claim` row is a claim a user added
(choose item, positive answers, population, waves). `ReportBuild` records who built which
report for which audience, when, and the file's sha256 - never its content, so a report
never outlives a story's withdrawal inside Tallytale.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tallytale.programmes.models import Programme, Project


class Claim(models.Model):
    class Kind(models.TextChoices):
        PROPORTION = "proportion", "Share answering positively"
        MEAN = "mean", "Mean at each wave"
        CHANGE = "change", "Paired change baseline to follow-up"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="claims")
    key = models.SlugField(max_length=80, help_text="Stable id used in reports (custom-...)")
    label = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PROPORTION)
    item = models.CharField(max_length=200, help_text="Question name, e.g. tc_new_friends")
    positive_answers = models.JSONField(
        default=list, blank=True, help_text="Choice names counted as positive, e.g. ['4','5']"
    )
    waves = models.JSONField(default=list, blank=True, help_text="Wave names; empty = all")
    subgroup_field = models.CharField(
        max_length=20,
        blank=True,
        choices=[
            ("", "Everyone"),
            ("gender", "Gender"),
            ("age_band", "Age band"),
            ("area", "Area"),
        ],
    )
    subgroup_value = models.CharField(max_length=80, blank=True)
    active = models.BooleanField(default=True)
    created_by_label = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_result = models.JSONField(
        default=dict, blank=True, help_text="Last disclosure-controlled result (no story text)"
    )
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="uniq_claim_key"),
        ]
        ordering = ["project", "key"]

    def __str__(self) -> str:
        return self.label


class ReportBuild(models.Model):
    """Metadata of one built report (never its content)."""

    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="report_builds"
    )
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="report_builds"
    )
    audience = models.CharField(max_length=20)
    format = models.CharField(max_length=10)
    built_by_label = models.CharField(max_length=120)
    built_at = models.DateTimeField()
    sha256 = models.CharField(max_length=64)
    size_bytes = models.PositiveIntegerField(default=0)
    claims = models.PositiveIntegerField(default=0)
    stories = models.PositiveIntegerField(default=0)
    strict = models.BooleanField(default=False)
    rule_ok = models.BooleanField(default=True)

    class Meta:
        ordering = ["-built_at"]

    def __str__(self) -> str:
        return f"{self.format} report for {self.audience} at {self.built_at:%Y-%m-%d %H:%M}"


class MscCandidate(models.Model):
    """Most Significant Change: a story the panel (the research team) shortlisted, and, once
    the panel chose it, their reason. The report shows a chosen story only to an audience its
    teller's consent allows, in the text that audience may read; a withdrawn story leaves
    the shortlist with its votes (`msc.erase_withdrawn`)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="msc_candidates")
    story = models.ForeignKey(
        "stories.Story", on_delete=models.CASCADE, related_name="msc_candidates"
    )
    added_by_label = models.CharField(max_length=120)
    added_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True, help_text="The panel's reason for choosing it")
    chosen_at = models.DateTimeField(null=True, blank=True)
    chosen_by_label = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "story"], name="uniq_msc_candidate"),
        ]


class MscVote(models.Model):
    """One panel member's vote: for one shortlisted story of the project at a time."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(MscCandidate, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    voted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "voter"], name="uniq_msc_vote"),
        ]

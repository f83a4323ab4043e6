"""Community-led research: priorities and dot-voting rounds, research questions, member
checking of draft findings, "you said, we did" actions, and learning notes shared across
a programme.

Links to instruments, story prompts and evidence claims are loose references (ids and
claim references), so this app depends on none of those apps' tables and a claim can be
put to members before the evidence app has stored it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tallytale.programmes.models import Person, Programme, Project


class Round(models.Model):
    """A voting round: each member has `votes_per_member` dots to place on priorities."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="vote_rounds")
    title = models.CharField(max_length=200)
    votes_per_member = models.PositiveSmallIntegerField(default=3)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def __str__(self) -> str:
        return self.title


class Priority(models.Model):
    """An issue the community cares about, raised by any member."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for votes")
        ADOPTED = "adopted", _("Became a research question")
        SET_ASIDE = "set_aside", _("Set aside")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="priorities")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=2000)
    raised_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title


class Vote(models.Model):
    """How many of a member's dots in a round sit on one priority (changeable while open)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="votes")
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    dots = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "priority", "person"], name="one_vote_row_per_priority"
            ),
            models.CheckConstraint(condition=models.Q(dots__gt=0), name="vote_dots_positive"),
        ]


class ResearchQuestion(models.Model):
    """A top priority turned into a question, linked to how it will be answered."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="research_questions"
    )
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    text = models.CharField(max_length=500)
    instrument_ids = models.JSONField(default=list, blank=True, help_text="surveys.Instrument ids")
    prompt_ids = models.JSONField(default=list, blank=True, help_text="stories.Prompt ids")
    claim_refs = models.JSONField(default=list, blank=True, help_text="evidence claim references")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text


class ClaimReview(models.Model):
    """A draft claim put to members for checking, with the stories paired with it."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="claim_reviews")
    claim_ref = models.CharField(
        max_length=80, help_text="The evidence claim this is (e.g. its id or key)."
    )
    statement = models.TextField(max_length=2000, help_text="The claim in plain words.")
    story_ids = models.JSONField(default=list, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "claim_ref"], name="one_review_per_claim")
        ]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def __str__(self) -> str:
        return self.statement[:80]


class FindingReview(models.Model):
    """One member's reading of a draft claim: agree, not sure or disagree (changeable)."""

    class Response(models.TextChoices):
        AGREE = "agree", _("Agree")
        UNSURE = "unsure", _("Not sure")
        DISAGREE = "disagree", _("Disagree")

    claim = models.ForeignKey(ClaimReview, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    response = models.CharField(max_length=10, choices=Response.choices)
    comment = models.TextField(blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "person"], name="one_response_per_member")
        ]


class Action(models.Model):
    """What was done about a finding ("you said, we did"), visible to every member."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="actions")
    claim = models.ForeignKey(
        ClaimReview, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    claim_ref = models.CharField(max_length=80, blank=True)
    text = models.TextField(max_length=2000)
    owner = models.CharField(max_length=120, help_text="Who is doing it (a name or a partner).")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    due_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class LearningNote(models.Model):
    """A short note from a project about what worked and what did not, readable by every
    project in the programme."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="learning_notes")
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="learning_notes"
    )
    title = models.CharField(max_length=200)
    worked = models.TextField(max_length=3000, blank=True)
    did_not = models.TextField(max_length=3000, blank=True)
    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title


class NoteComment(models.Model):
    note = models.ForeignKey(LearningNote, on_delete=models.CASCADE, related_name="comments")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

"""A background job as people see it: who, what, where it stands, and its result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (State.QUEUED, State.RUNNING)

    kind = models.CharField(max_length=64)
    # who started it: the user for web and API actors, a label for everyone (CLI included)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    # started at the command line (runs with the operator's rights); a web job whose user
    # has since been deleted is not an operator's and may no longer run
    by_operator = models.BooleanField(default=False)
    # null for a user's own downloads (their personal data), which belong to no project
    project = models.ForeignKey(
        "programmes.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    params = models.JSONField(default=dict)
    # the same key enqueues once: `start` returns the existing job
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    #: the language of the person who started it: its progress and failure messages are
    #: written in it, as the page they watch it on is (empty: the installation's default)
    language = models.CharField(max_length=16, blank=True, default="")
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # relative to settings.JOBS_ROOT (private storage); empty until the job is done
    result_path = models.CharField(max_length=300, blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    result_type = models.CharField(max_length=100, blank=True)
    result_size = models.PositiveBigIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["project", "-created_at"]),
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["state", "heartbeat_at"]),
        ]

    def __str__(self) -> str:
        return f"job {self.pk} {self.kind} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return min(100, (100 * self.done) // self.total) if self.total else 0

    @property
    def has_result(self) -> bool:
        return self.state == self.State.DONE and bool(self.result_path)

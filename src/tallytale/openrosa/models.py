"""App credentials for ODK Collect, the story forms Tallytale serves, and the submissions
OpenRosa clients send (kept by instanceID so resends and split submissions meet)."""

from __future__ import annotations

from django.db import models

from tallytale.programmes.models import Person, Project, Role


class AppCredential(models.Model):
    """A username and password one collector types (or scans) into ODK Collect.

    Scoped to one project and the role the collector held when it was made: it is refused
    once revoked or once the collector no longer holds that role there. Only a sha256 of the
    password is kept for Basic (it is a long random secret, so a slow hash adds nothing),
    and for Digest its md5 HA1, encrypted with the field key."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="app_credentials")
    role = models.CharField(max_length=20, choices=Role.choices)
    username = models.CharField(max_length=40, unique=True)
    secret_digest = models.CharField(max_length=64)
    digest_ha1 = models.TextField(
        blank=True, help_text="HTTP Digest's md5(username:realm:password), encrypted at rest"
    )
    label = models.CharField(max_length=120, blank=True)
    created_by_label = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.username


class StoryForm(models.Model):
    """One version of the story XForm Tallytale builds for a project from its template
    (prompts and signifiers as choices). Kept as served, so its md5 hash stays stable."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    form_id = models.CharField(max_length=100)
    version = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    xform = models.TextField()
    fields = models.JSONField(
        default=dict, help_text="choice names -> prompts and signifier options, for this version"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "form_id", "version"], name="uniq_story_form_version"
            )
        ]


class Submission(models.Model):
    """One OpenRosa submission, by instanceID within a project. Parts that arrive later (a
    split submission, a resend) add attachments; `response_id`/`story_id` say what it
    became once complete."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    instance_id = models.CharField(max_length=100)
    form_id = models.CharField(max_length=100)
    form_version = models.CharField(max_length=60, blank=True)
    xml = models.TextField()
    credential = models.ForeignKey(
        AppCredential, null=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    response_id = models.BigIntegerField(null=True, blank=True)
    story_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "instance_id"], name="uniq_openrosa_instance"
            )
        ]


class Attachment(models.Model):
    """A file sent with a submission, in private storage (never served publicly)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    path = models.CharField(max_length=300)
    size = models.PositiveBigIntegerField()
    md5 = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "name"], name="uniq_attachment_name")
        ]

"""An uploaded file kept in private storage between an import's preview and its confirm."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tallytale.programmes.models import Project


class Upload(models.Model):
    """One stored file. Its id (a UUID, not guessable) is what the confirm form sends back;
    it is honoured only for the same user, project and kind, before `expires_at`."""

    class Kind(models.TextChoices):
        CONTRIBUTIONS = "contributions", _("contributions")
        RESPONSES = "responses", _("survey responses")
        STORIES = "stories", _("stories")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=120)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    path = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    consumed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["consumed_at"])]

    def __str__(self) -> str:
        return f"{self.kind} upload {self.name} ({self.size} bytes)"

    @property
    def file(self) -> Path:
        """Where the bytes are: `path` is relative to the private upload root."""
        return Path(settings.TALLYTALE_UPLOAD_ROOT) / self.path

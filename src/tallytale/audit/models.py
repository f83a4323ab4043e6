"""Who saw or changed what. Append-only and hash-chained (see `chain.py`).

Rows are never edited or deleted: the app refuses, and database triggers refuse UPDATE
(except the NULLing of `actor` when a user is deleted) and, on PostgreSQL, DELETE.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=120, help_text="e.g. cli:alice, web:coordinator7")
    action = models.CharField(max_length=60, db_index=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=60, blank=True)
    project_slug = models.CharField(max_length=63, blank=True)
    detail = models.JSONField(default=dict, blank=True, help_text="Never story text or secrets.")
    prev_hash = models.CharField(max_length=64, editable=False, default="")
    hash = models.CharField(max_length=64, editable=False, default="")

    class Meta:
        ordering = ["id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit events are append-only")

    def chain_fields(self) -> dict:
        return {
            "id": self.pk,
            "at": self.at,
            "actor_label": self.actor_label,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "project_slug": self.project_slug,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

"""Invitations, one-time sign-in links and API tokens: every secret stored hashed.

Each row keeps a plain `selector` to find it and the sha256 of the secret to check it
(see `tallytale.accounts.secrets`). Rows are never deleted: they expire, are used once,
or are revoked, and the audit log records who did what.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tallytale.programmes.models import Project, Role


class Invitation(models.Model):
    """An invitation to join a project with a role, accepted by choosing a password."""

    selector = models.CharField(max_length=12, unique=True)
    token_hash = models.CharField(max_length=64)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="invitations")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    person_code = models.CharField(
        max_length=40, help_text="Participant code the new member will have (or already has)."
    )
    email = models.EmailField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    @property
    def usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()

    def __str__(self) -> str:
        return f"{self.person_code} as {self.role} in {self.project}"


class LoginLink(models.Model):
    """A one-time sign-in link sent to a member's e-mail address."""

    selector = models.CharField(max_length=12, unique=True)
    token_hash = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    @property
    def usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class ApiToken(models.Model):
    """A personal token for the REST API (`Authorization: Bearer <token>`).

    It acts as its user, with that user's project roles; nothing more.
    """

    selector = models.CharField(max_length=12, unique=True)
    token_hash = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

"""Invitations, one-time sign-in links and API tokens: every secret stored hashed.

Each row keeps a plain `selector` to find it and the sha256 of the secret to check it
(see `tallytale.accounts.bearer`). Rows are never deleted: they expire, are used once,
or are revoked, and the audit log records who did what. The one secret that must be read
back, an authenticator's TOTP secret, is stored encrypted (`MfaDevice`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tallytale.programmes.models import Project, Role

from . import fieldcrypt


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
    language = models.CharField(
        max_length=8,
        blank=True,
        help_text="The invitee's language: the e-mail is written in it, and it becomes "
        "their language when they accept (unless they choose another).",
    )
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


class MfaDevice(models.Model):
    """A user's authenticator app (TOTP, RFC 6238); one per user.

    The secret must be readable to check codes, so it cannot be hashed: it is stored
    encrypted (`encrypted_secret`, a Fernet token under a key derived from the settings;
    see `tallytale.accounts.fieldcrypt`), so a copy of the database or of a backup alone
    does not give it away. Read and set it as `secret` (base32 text); reading raises
    `fieldcrypt.UnreadableSecret` when no configured key opens it (the key changed without
    a fallback, or the row was altered). Unconfirmed devices (no `confirmed_at`) are
    enrolments in progress and do not count.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mfa_device"
    )
    encrypted_secret = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(null=True, blank=True)  # refuses a code used twice

    @property
    def secret(self) -> str:
        """The TOTP secret (base32), decrypted; raises `fieldcrypt.UnreadableSecret`."""
        return fieldcrypt.decrypt(self.encrypted_secret, fieldcrypt.MFA_SECRET)

    @secret.setter
    def secret(self, value: str) -> None:
        self.encrypted_secret = fieldcrypt.encrypt(value, fieldcrypt.MFA_SECRET)

    def secret_is_readable(self) -> bool:
        try:
            return bool(self.secret)
        except fieldcrypt.UnreadableSecret:
            return False


class RecoveryCode(models.Model):
    """A single-use recovery code for a lost authenticator, stored as a sha256 digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)


class SignInSession(models.Model):
    """What a user can see of their signed-in sessions: device, address, last seen.

    Kept beside Django's session row (same key) so a user can end another session.
    """

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_sessions"
    )
    user_agent = models.CharField(max_length=300, blank=True)
    address = models.CharField(max_length=45, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]


class RateCounter(models.Model):
    """Posts counted per key (user and address) in one fixed time window (`RateLimitMiddleware`).

    A table rather than the cache, so several app servers share the count.
    """

    key = models.CharField(max_length=200)
    window = models.BigIntegerField()  # window start, Unix seconds
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="rate_key_window")]
        indexes = [models.Index(fields=["window"])]

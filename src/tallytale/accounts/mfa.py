"""Second factor (TOTP authenticator apps, RFC 6238) and single-use recovery codes.

Coordinators and admins (settings `MFA_REQUIRED_ROLES`, in any project) and anyone who
enrolled must give a code after their password; `MfaMiddleware` holds every page until
they do. Recovery codes are shown once and stored as sha256 digests; each works once.
Each service runs in one transaction and records an audit event, never a secret.
Authenticator secrets are stored encrypted (`MfaDevice.secret`, `fieldcrypt`); one that no
configured key opens refuses every authenticator code (recovery codes still work) and is
logged, never a server error.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from tallytale.audit.services import record
from tallytale.core import totp
from tallytale.errors import InvalidInput
from tallytale.programmes.models import Membership

from . import fieldcrypt
from .models import MfaDevice, RecoveryCode

log = logging.getLogger(__name__)

RECOVERY_CODES = 10
MAX_FAILURES = 10  # wrong codes per user in FAILURE_WINDOW before every code is refused
FAILURE_WINDOW = 900  # seconds
# session keys
VERIFIED = "tallytale_mfa_at"  # Unix time the second factor was given in this session
AUTH_AT = "tallytale_auth_at"  # Unix time the password (and code) were last confirmed


def _label(user: Any) -> str:
    return f"web:{user.get_username()}"


def _unreadable(user: Any) -> None:
    log.error(
        "the authenticator secret of user %s cannot be decrypted: the encryption key changed "
        "without the old one in SECRET_KEY_FALLBACKS or TALLYTALE_FIELD_KEY_FALLBACKS, or the "
        "row was altered; they can use a recovery code, or an admin resets their device",
        user.pk,
    )
    record("account.mfa_secret_unreadable", actor_label=_label(user), actor=user, target=user)


def _digest(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def device(user: Any) -> MfaDevice | None:
    """The user's confirmed authenticator, else None."""
    return MfaDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def enrolled(user: Any) -> bool:
    return MfaDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def role_requires_mfa(user: Any) -> bool:
    """Whether the user holds a role that needs a second factor, in any project."""
    if user.is_superuser or user.is_staff:
        return True
    person = getattr(user, "person", None)
    if person is None:
        return False
    return Membership.objects.filter(person=person, role__in=settings.MFA_REQUIRED_ROLES).exists()


@transaction.atomic
def start_enrolment(user: Any) -> MfaDevice:
    """The user's authenticator secret, new unless an enrolment is already under way (so a
    reloaded page or a mistyped code keeps the key the app already has). An enrolled user
    gets their confirmed device back: enrolling again needs a reset.
    """
    existing = MfaDevice.objects.select_for_update().filter(user=user).first()
    if existing is not None:
        if existing.confirmed_at is None and not existing.secret_is_readable():
            # an enrolment under a key no longer configured: nobody can finish it, start anew
            existing.secret = totp.new_secret()
            existing.save(update_fields=["encrypted_secret"])
        return existing
    return MfaDevice.objects.create(user=user, secret=totp.new_secret())


def provisioning_uri(user: Any, dev: MfaDevice) -> str:
    return totp.provisioning_uri(dev.secret, user.get_username(), settings.MFA_ISSUER)


@transaction.atomic
def confirm_enrolment(user: Any, code: str, at: float | None = None) -> list[str]:
    """Confirm the authenticator with a first code; returns new recovery codes (shown once)."""
    dev = MfaDevice.objects.select_for_update().filter(user=user).first()
    if dev is None or dev.confirmed_at is not None:
        raise InvalidInput(gettext("start enrolment first"))
    try:
        secret = dev.secret
    except fieldcrypt.UnreadableSecret:
        _unreadable(user)
        raise InvalidInput(gettext("this set-up can no longer be checked; start again")) from None
    used = totp.verify(secret, code, time.time() if at is None else at)
    if used is None:
        record("account.mfa_enrol_failed", actor_label=_label(user), actor=user)
        raise InvalidInput(
            gettext("that code does not match; check the time on your phone and retry")
        )
    dev.confirmed_at = timezone.now()
    dev.last_step = used
    dev.save(update_fields=["confirmed_at", "last_step"])
    record("account.mfa_enrolled", actor_label=_label(user), actor=user, target=user)
    return _new_recovery_codes(user)


def _new_recovery_codes(user: Any) -> list[str]:
    RecoveryCode.objects.filter(user=user, used_at__isnull=True).update(used_at=timezone.now())
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = secrets.token_hex(8)  # 64 bits
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:12]}-{raw[12:]}")
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_digest(c)) for c in codes)
    return codes


@transaction.atomic
def regenerate_recovery_codes(user: Any) -> list[str]:
    """Replace the user's recovery codes (the old ones stop working)."""
    if not enrolled(user):
        raise InvalidInput(gettext("set up an authenticator app first"))
    record("account.mfa_recovery_codes_renewed", actor_label=_label(user), actor=user)
    return _new_recovery_codes(user)


@transaction.atomic
def check_code(user: Any, code: str, at: float | None = None) -> bool:
    """Whether a presented authenticator code or unused recovery code is valid for the user.

    A TOTP step is accepted once; a recovery code is used up. Every decision is audited.
    """
    from .ratelimit import count

    code = (code or "").strip()
    dev = MfaDevice.objects.select_for_update().filter(user=user).first()
    if dev is None or dev.confirmed_at is None:
        return False
    if count(f"mfa-fail:{user.pk}", seconds=FAILURE_WINDOW) >= MAX_FAILURES:
        record("account.mfa_locked", actor_label=_label(user), actor=user)
        return False
    try:
        secret = dev.secret
    except fieldcrypt.UnreadableSecret:
        _unreadable(user)
        used = None
    else:
        used = totp.verify(
            secret, code, time.time() if at is None else at, after_step=dev.last_step
        )
    if used is not None:
        dev.last_step = used
        changed = ["last_step"]
        if fieldcrypt.needs_rotation(dev.encrypted_secret, fieldcrypt.MFA_SECRET):
            dev.secret = secret  # made with an old key: re-encrypt with the current one
            changed.append("encrypted_secret")
        dev.save(update_fields=changed)
        record("account.mfa_verified", actor_label=_label(user), actor=user)
        return True
    digest = _digest(code)
    for row in RecoveryCode.objects.select_for_update().filter(user=user, used_at__isnull=True):
        if hmac.compare_digest(row.code_hash, digest):
            row.used_at = timezone.now()
            row.save(update_fields=["used_at"])
            record("account.mfa_recovery_code_used", actor_label=_label(user), actor=user)
            return True
    from .ratelimit import hit

    hit(f"mfa-fail:{user.pk}", seconds=FAILURE_WINDOW)
    record("account.mfa_failed", actor_label=_label(user), actor=user)
    return False


def recovery_codes_left(user: Any) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


@transaction.atomic
def reset(user: Any, *, actor: Any) -> None:
    """Remove a user's authenticator and recovery codes (a lost phone); they enrol again."""
    MfaDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user, used_at__isnull=True).update(used_at=timezone.now())
    record("account.mfa_reset", actor_label=_label(actor), actor=actor, target=user)

"""Secrets the app must read back, encrypted at rest (today: the TOTP secret of `MfaDevice`).

Values are Fernet tokens (`cryptography`: AES-128-CBC then HMAC-SHA256, so an altered value
is refused, never decrypted to something else), stored as `fernet:<token>`. Keys are
derived with HKDF-SHA256 from a settings string and a fixed purpose label, so a key made
for one purpose opens nothing else:

- encryption uses `settings.FIELD_ENCRYPTION_KEY` (env `TALLYTALE_FIELD_KEY`) if set, else
  `SECRET_KEY`;
- decryption tries that key, then `FIELD_ENCRYPTION_KEY_FALLBACKS`
  (`TALLYTALE_FIELD_KEY_FALLBACKS`), `SECRET_KEY` and `SECRET_KEY_FALLBACKS`, so a key can
  be rotated by moving the old one to a fallback list (as Django does for signatures).
  `needs_rotation` tells whether a value was made with an old key; `mfa.check_code`
  re-encrypts it with the current key after a good code.

A value no key opens (wrong key, or the row was changed) raises `UnreadableSecret`.
"""

from __future__ import annotations

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "fernet:"
SALT = b"tallytale field encryption"
MFA_SECRET = "tallytale.accounts.MfaDevice.secret v1"  # purpose label (HKDF info)


class UnreadableSecret(Exception):
    """No configured key opens the stored value: the key changed or the value was altered."""


def _key_strings() -> list[str]:
    primary = getattr(settings, "FIELD_ENCRYPTION_KEY", "") or settings.SECRET_KEY
    found = [
        primary,
        *getattr(settings, "FIELD_ENCRYPTION_KEY_FALLBACKS", []),
        settings.SECRET_KEY,
        *getattr(settings, "SECRET_KEY_FALLBACKS", []),
    ]
    return list(dict.fromkeys(k for k in found if k))  # first is the current key


@functools.lru_cache(maxsize=32)
def _fernet(key: str, purpose: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=SALT, info=purpose.encode())
    return Fernet(base64.urlsafe_b64encode(derived.derive(key.encode())))


def _keys(purpose: str) -> list[Fernet]:
    return [_fernet(k, purpose) for k in _key_strings()]


def is_encrypted(value: str) -> bool:
    return value.startswith(PREFIX)


def encrypt(plaintext: str, purpose: str) -> str:
    """`plaintext` encrypted with the current key, as stored in the database."""
    return PREFIX + _keys(purpose)[0].encrypt(plaintext.encode()).decode("ascii")


def decrypt(stored: str, purpose: str) -> str:
    """The plaintext of a stored value; `UnreadableSecret` if no configured key opens it."""
    if not is_encrypted(stored or ""):
        raise UnreadableSecret("the stored value is not encrypted")
    try:
        return MultiFernet(_keys(purpose)).decrypt(stored[len(PREFIX) :].encode()).decode()
    except (InvalidToken, UnicodeDecodeError):
        raise UnreadableSecret(
            "no configured key opens the stored value: the key changed (keep the old one in "
            "SECRET_KEY_FALLBACKS or TALLYTALE_FIELD_KEY_FALLBACKS) or the value was altered"
        ) from None


def needs_rotation(stored: str, purpose: str) -> bool:
    """Whether a stored value was encrypted with an old key (the current one cannot open it)."""
    try:
        _keys(purpose)[0].decrypt(stored[len(PREFIX) :].encode())
    except InvalidToken:
        return True
    return False

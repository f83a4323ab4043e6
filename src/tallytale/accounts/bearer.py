"""Bearer secrets (invitations, one-time sign-in links, API tokens).

A secret is `<selector>.<verifier>`. Only the selector (to find the row) and the sha256 of
the whole secret are stored, so a copy of the database does not let anyone sign in; the
digest is compared in constant time so response timing does not leak how much of a
guessed secret was right.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SELECTOR_CHARS = 12


def new_secret(prefix: str = "") -> tuple[str, str, str]:
    """A fresh secret: (secret to hand out once, selector, sha256 hex digest)."""
    selector = secrets.token_hex(SELECTOR_CHARS // 2)
    secret = f"{prefix}{selector}.{secrets.token_urlsafe(32)}"
    return secret, selector, digest(secret)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def selector_of(secret: str, prefix: str = "") -> str | None:
    """The selector part of a presented secret, or None if it is not shaped like one."""
    if not secret.startswith(prefix):
        return None
    head, dot, tail = secret[len(prefix) :].partition(".")
    if not dot or len(head) != SELECTOR_CHARS or not tail:
        return None
    return head


def matches(secret: str, stored_digest: str) -> bool:
    return hmac.compare_digest(digest(secret), stored_digest)

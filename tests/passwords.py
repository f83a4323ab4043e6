"""Real password hashes, made once per test run.

Argon2id is slow by design (about half a second on a busy 2-core machine). Fixtures that
give a user a password in every test reuse one hash per password: signing in still checks
a real Argon2id hash, but the hashing happens once, not in each test's set-up.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.hashers import make_password


def hashed(password: str) -> str:
    """The stored form of `password` under the first configured hasher (Argon2id)."""
    return _hashed(password, settings.PASSWORD_HASHERS[0])


@functools.cache
def _hashed(password: str, hasher: str) -> str:  # the hasher is part of the key only
    return make_password(password)


def with_password(user, password: str):
    """Give `user` `password` (as `set_password` would, with a shared salt) and save it."""
    user.password = hashed(password)
    user.save(update_fields=["password"])
    return user

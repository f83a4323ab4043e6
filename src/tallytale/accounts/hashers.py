"""Argon2id at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1).

Django's default Argon2 parameters (m = 100 MiB, p = 8) are heavier than OWASP's floor; on a
small server with two cores, 200 people signing in at once queued behind each other for
seconds (benchmarks/load.py measured sign-in p95 11 s). These parameters keep the
recommended strength at a fraction of the memory and CPU: see BENCHMARKS.md
("Password hashing"). The algorithm name is unchanged, so stored hashes of the old
parameters still verify and are re-hashed with these on the next sign-in (Django's
`must_update`).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

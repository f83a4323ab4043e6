"""Password hashing cost: Django's default Argon2id parameters against OWASP's minimum.

    .venv/bin/python benchmarks/passwords.py [--n 20]

Times `check_password` (what a sign-in pays) under each hasher, one at a time and with as
many processes as there are cores (a burst of sign-ins), and reports the ratio. The
baseline is Django's own Argon2PasswordHasher (m = 100 MiB, t = 2, p = 8) measured in the
same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from _setup import machine

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")
PASSWORD = "a sign-in pass phrase for timing"


def _setup():
    import django

    django.setup()


def one(hasher_path: str, n: int) -> list[float]:
    _setup()
    from django.utils.module_loading import import_string

    hasher = import_string(hasher_path)()
    encoded = hasher.encode(PASSWORD, hasher.salt())
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        assert hasher.verify(PASSWORD, encoded)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20)
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    rows = []
    for label, path in (
        ("Django default (m=100 MiB, t=2, p=8)", "django.contrib.auth.hashers.Argon2PasswordHasher"),
        ("Tallytale (OWASP minimum: m=19 MiB, t=2, p=1)", "tallytale.accounts.hashers.OwaspArgon2PasswordHasher"),
    ):  # fmt: skip
        alone = one(path, args.n)
        t0 = time.perf_counter()
        with ProcessPoolExecutor(cores) as pool:
            list(pool.map(one, [path] * cores, [args.n] * cores))
        burst = cores * args.n / (time.perf_counter() - t0)
        rows.append((label, statistics.median(alone), burst))
    print(f"### Password hashing ({machine()})\n")
    print("| hasher | one check, median ms | checks per second, all cores |")
    print("|---|---:|---:|")
    for label, ms, rate in rows:
        print(f"| {label} | {ms:.0f} | {rate:.1f} |")
    print(
        f"\nOne sign-in costs {rows[1][1] / rows[0][1]:.2f}x the default's time; "
        f"a burst of sign-ins goes {rows[1][2] / rows[0][2]:.1f}x faster."
    )


if __name__ == "__main__":
    main()

"""Child process for test_ledger_processes: imports nothing from Django until set up
(spawned children import this module first)."""

from __future__ import annotations

import datetime as dt
import os

TODAY = dt.date(2025, 6, 30)
ROUNDS = 8


def _child(url: str, data_dir: str, i: int, start, queue) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["TALLYTALE_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "tallytale.settings"
    import django

    django.setup()
    from tallytale.errors import InvalidInput
    from tallytale.ledger import services as ledger
    from tallytale.ledger.services import Actor

    actor = Actor(f"proc{i}")
    outcomes = []
    start.wait(60)
    try:
        for j in range(ROUNDS):
            # everyone spends M1's balance, gifts M2<->M3 both ways, and repeats shared keys
            for op in (
                lambda j=j: ledger.spend(
                    "M1", "pool", 1, key=f"spend-{i}-{j}", actor=actor, today=TODAY
                ),
                lambda j=j: ledger.gift(
                    *(("M2", "M3") if (i + j) % 2 else ("M3", "M2")),
                    "0.5",
                    key=f"gift-{i}-{j}",
                    actor=actor,
                    today=TODAY,
                ),
                lambda j=j: ledger.spend(
                    "M2", "pool", "0.25", key=f"shared-{j}", actor=actor, today=TODAY
                ),
            ):
                try:
                    outcomes.append(("ok", op().pk))
                except InvalidInput as exc:
                    outcomes.append(("refused", str(exc)))
        queue.put((i, outcomes, None))
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        queue.put((i, outcomes, f"{type(exc).__name__}: {exc}"))

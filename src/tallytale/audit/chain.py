"""The audit log's hash chain, as pure functions (no Django, so migrations and tools can
use them).

Each event's hash is sha256 over a canonical JSON of its fields and the previous event's
hash, so editing, inserting or deleting any row breaks the chain from that row on. The
canonical form is part of the stored data: changing it would make every existing chain
fail verification, so a new form needs a new `CHAIN_VERSION` and a migration.

`actor_id` is left out on purpose: deleting a user sets it to NULL (the only change the
database allows), while `actor_label` keeps who it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

CHAIN_VERSION = 1
GENESIS = "0" * 64
FIELDS = ("at", "actor_label", "action", "target_type", "target_id", "project_slug", "detail")


def canonical_time(at: dt.datetime) -> str:
    """UTC, microseconds always present: the same instant reads back the same from SQLite
    and PostgreSQL."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def event_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """sha256 hex of `v1` + the canonical JSON of the event's fields and `prev_hash`."""
    body = {name: fields[name] for name in FIELDS}
    body["at"] = canonical_time(fields["at"])
    body["detail"] = json.loads(canonical_json(fields["detail"] or {}))
    body["prev_hash"] = prev_hash
    payload = f"v{CHAIN_VERSION}\n" + canonical_json(body)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def first_break(rows: Any) -> tuple[int, int | None, str]:
    """Walk rows (dicts with id, prev_hash, hash and FIELDS) in id order.

    Returns (rows checked, id of the first broken row or None, reason)."""
    prev = GENESIS
    n = 0
    for row in rows:
        n += 1
        if row["prev_hash"] != prev:
            return n, row["id"], "its prev_hash does not match the hash of the row before it"
        expected = event_hash(row, prev)
        if row["hash"] != expected:
            return n, row["id"], "its fields do not match its hash (the row was edited)"
        prev = row["hash"]
    return n, None, ""

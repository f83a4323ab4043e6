"""Recording audit events: one call, used by every path (web, API, CLI, imports).

Appends are serialized so the hash chain never forks: on PostgreSQL the writing
transaction takes a transaction-level advisory lock before reading the chain head; on
SQLite every write transaction already begins with BEGIN IMMEDIATE (see settings), which
holds the database's one write lock. Either way the lock lasts until the caller's
transaction commits, so an event and the change it records commit together.
"""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from . import chain
from .models import AuditEvent

# pg_advisory_xact_lock key: "TTAUDIT" as a number, any constant unused elsewhere works
CHAIN_LOCK = 0x5454_4155_4449_54
# Keys that would put secrets or story text into the log; refused outright.
FORBIDDEN_DETAIL_KEYS = frozenset(
    {"password", "secret", "token", "api_key", "text", "story_text", "original", "transcript"}
)
MAX_DETAIL_CHARS = 4000


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "cli"


def _check_detail(action: str, detail: dict[str, Any]) -> dict[str, Any]:
    bad = sorted(k for k in detail if k.lower() in FORBIDDEN_DETAIL_KEYS)
    if bad:
        raise ValueError(f"audit {action}: detail must not carry {', '.join(bad)}")
    try:
        text = chain.canonical_json(detail)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"audit {action}: detail is not plain JSON ({exc})") from None
    if len(text) > MAX_DETAIL_CHARS:
        raise ValueError(f"audit {action}: detail is over {MAX_DETAIL_CHARS} characters")
    return json.loads(text)


def _head_hash() -> str:
    # in SQL: every audited write asks, and building the ORM query cost more than running it
    with connection.cursor() as cur:
        cur.execute("SELECT hash FROM audit_auditevent ORDER BY id DESC LIMIT 1")
        last = cur.fetchone()
    return last[0] if last else chain.GENESIS


def record(
    action: str,
    *,
    actor_label: str,
    actor: Any = None,
    target: Any = None,
    project_slug: str = "",
    **detail: Any,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction if there is one.

    No savepoint of its own: an event that cannot be written fails the caller's whole
    transaction (a change must not stand without its record), and every audited write
    saves the SAVEPOINT and RELEASE round trips."""
    clean = _check_detail(action, detail)
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        event = AuditEvent(
            at=timezone.now(),
            action=action,
            actor=actor,
            actor_label=actor_label,
            target_type=type(target).__name__ if target is not None else "",
            target_id=str(getattr(target, "pk", "") or "") if target is not None else "",
            project_slug=project_slug,
            detail=clean,
        )
        event.prev_hash = _head_hash()
        event.hash = chain.event_hash(event.chain_fields(), event.prev_hash)
        event.save()
    return event


@dataclass
class ChainReport:
    checked: int
    ok: bool
    broken_id: int | None = None
    reason: str = ""
    head: str = chain.GENESIS


def verify_chain(using: str = "default") -> ChainReport:
    """Walk the whole log in id order; report the first row whose hash or link is wrong."""
    fields = ["id", "prev_hash", "hash", *chain.FIELDS]
    rows = AuditEvent.objects.using(using).order_by("id").values(*fields).iterator(chunk_size=2000)
    n, broken, reason = chain.first_break(rows)
    head = (
        AuditEvent.objects.using(using).order_by("-id").values_list("hash", flat=True).first()
        or chain.GENESIS
    )
    return ChainReport(checked=n, ok=broken is None, broken_id=broken, reason=reason, head=head)

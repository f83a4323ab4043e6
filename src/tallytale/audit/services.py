"""Recording audit events: one call, used by every path (web, API, CLI, imports)."""

from __future__ import annotations

import getpass
from typing import Any

from .models import AuditEvent


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "cli"


def record(
    action: str,
    *,
    actor_label: str,
    actor: Any = None,
    target: Any = None,
    project_slug: str = "",
    **detail: Any,
) -> AuditEvent:
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor_label,
        target_type=type(target).__name__ if target is not None else "",
        target_id=str(getattr(target, "pk", "") or "") if target is not None else "",
        project_slug=project_slug,
        detail=detail,
    )

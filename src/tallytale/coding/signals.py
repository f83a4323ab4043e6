"""Receivers: when a story is withdrawn, coding keeps none of its words."""

from __future__ import annotations

from typing import Any


def erase_withdrawn(sender: Any, story_id: int, project_id: int, **kwargs: Any) -> None:
    """Connected to `tallytale.stories.signals.story_withdrawn` (inside its transaction)."""
    from .themes import erase_story

    erase_story(story_id, project_id)

"""Signals other apps connect to so that a story's words vanish from their tables too.

`story_withdrawn` is sent inside the withdrawal's transaction, after the story's own fields
are blanked, with `story_id` and `project_id`. A receiver that holds excerpts (codings,
themes, evidence pairings) must delete or blank them; if it raises, the whole withdrawal
rolls back, so the story is never half-withdrawn.
"""

from django.dispatch import Signal

story_withdrawn = Signal()  # kwargs: story_id: int, project_id: int

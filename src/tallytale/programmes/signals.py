"""Signals every app answers about one person: what it holds about them, and erasure.

`tallytale.rights` sends them; each app that keeps personal data answers for its own tables
(in its `personal_data.py`), so the rights app needs no knowledge of any app's models and
an app added later cannot be forgotten by an erasure.

`person_export` (kwargs: `person`): each receiver returns a dict of sections, each a list of
JSON-able rows, e.g. `{"stories": [...]}`.

`person_erased` (kwargs: `person`, `actor`, `pseudonym`): sent inside the erasure's
transaction, before the person's own record is pseudonymised. Each receiver deletes or
blanks what it holds and returns a dict of counts (ints or bools, safe to audit); if one
raises, the whole erasure rolls back.
"""

from django.dispatch import Signal

person_export = Signal()
person_erased = Signal()

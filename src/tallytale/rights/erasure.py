"""Data-subject rights for one person: a full export (access, portability) and erasure.

Why erasure pseudonymises rather than deletes: the ledger is append-only and its transfers
reference the person's account, so deleting the Person would break every total. Instead the
Person row keeps its id (the account still points at it, every transfer stays, the books
still balance) while everything that identifies them is removed or replaced:

- each app erases what it holds on the `programmes.signals.person_erased` signal (its
  `personal_data.py`): stories are withdrawn (their words erased), survey responses, answers
  and scores deleted, comments on findings blanked, invitations' codes and e-mail replaced,
  and the user account renamed and deactivated (tokens and sign-in links revoked);
- their contact details and memberships go;
- the Person's code becomes `erased-<random>`, card code and demographics are blanked and
  `erased_at` is set, so permissions treat them as nobody.

Both operations are audited with counts only (never a code, a name or an answer).
The export reuses the participant's own download (`tallytale.rights.portability`), so what a
person downloads themselves and what a coordinator exports for them cannot drift apart.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tallytale.audit.services import record
from tallytale.errors import NotFound
from tallytale.programmes import permissions
from tallytale.programmes.models import ContactDetails, Membership, Person
from tallytale.programmes.permissions import Actor
from tallytale.programmes.signals import person_erased


@dataclass(frozen=True)
class ErasureReport:
    """What `erase_person` did, as counts (safe to print and to audit)."""

    person_id: int
    pseudonym: str
    stories_withdrawn: int
    responses_deleted: int
    answers_deleted: int
    scores_deleted: int
    memberships_removed: int
    contact_deleted: bool
    account_deactivated: bool


def find_person(code: str, *, lock: bool = False) -> Person:
    code = (code or "").strip()
    qs = Person.objects.filter(erased_at__isnull=True).filter(Q(code=code) | Q(card_code=code))
    if lock:
        qs = qs.select_for_update(of=("self",))
    person = qs.select_related("home_project", "user").first() if code else None
    if person is None:
        raise NotFound(f"no such person {code!r}")
    return person


def check_actor(user: Any, person: Person) -> None:
    """A signed-in actor needs `people.manage` in every project the person belongs to
    (and their home project); the operator at the command line (`user=None`) may act."""
    if user is None:
        return
    projects = {person.home_project, *(m.project for m in person.memberships.all())}
    for project in projects:
        permissions.require(user, "people.manage", project)


def export_person(code: str, *, actor_label: str, user: Any = None) -> dict[str, Any]:
    """Everything Tallytale holds about a person, as JSON-able values (UK GDPR art. 15/20).

    The same document the person downloads themselves (`rights.portability.personal_data`),
    contact details included: it is for the person. Audited with counts only.
    """
    from .portability import personal_data

    person = find_person(code)
    check_actor(user, person)
    data = personal_data(person)
    record(
        "person.export",
        actor_label=actor_label,
        actor=user if getattr(user, "pk", None) else None,
        target=person,
        stories=len(data["stories"]),
        responses=len(data["survey_responses"]),
        transfers=len(data["ledger_statement"]),
    )
    return data


def _pseudonym() -> str:
    while True:
        candidate = f"erased-{secrets.token_hex(8)}"
        if not Person.objects.filter(code=candidate).exists():
            return candidate


@transaction.atomic
def erase_person(code: str, *, actor_label: str, user: Any = None) -> ErasureReport:
    """Erase a person (UK GDPR art. 17) while keeping the ledger whole; irreversible.

    See the module docstring for what goes and what stays. Runs in one transaction: either
    all of it happens or none of it does.
    """
    person = find_person(code, lock=True)
    check_actor(user, person)
    pseudonym = _pseudonym()
    # each app erases what it holds (programmes.signals); the teller's stories are
    # withdrawn with the actor's own powers
    counts: dict[str, Any] = {}
    for _receiver, result in person_erased.send(
        sender=Person, person=person, actor=Actor(actor_label, user), pseudonym=pseudonym
    ):
        counts.update(result or {})
    contact, _ = ContactDetails.objects.filter(person=person).delete()
    memberships, _ = Membership.objects.filter(person=person).delete()

    person.code = pseudonym
    person.card_code = None
    person.user = None
    person.age_band = person.gender = person.ethnicity = ""
    person.first_language = person.area = person.language = ""
    person.new_to_volunteering = None
    person.erased_at = timezone.now()
    person.save()

    report = ErasureReport(
        person_id=person.pk,
        pseudonym=pseudonym,
        stories_withdrawn=counts.get("stories_withdrawn", 0),
        responses_deleted=counts.get("responses_deleted", 0),
        answers_deleted=counts.get("answers_deleted", 0),
        scores_deleted=counts.get("scores_deleted", 0),
        memberships_removed=memberships,
        contact_deleted=bool(contact),
        account_deactivated=bool(counts.get("account_deactivated")),
    )
    record(
        "person.erase",
        actor_label=actor_label,
        actor=user if getattr(user, "pk", None) else None,
        target=person,
        stories=report.stories_withdrawn,
        responses=report.responses_deleted,
        answers=report.answers_deleted,
        memberships=memberships,
        contact=bool(contact),
        account=report.account_deactivated,
    )
    return report

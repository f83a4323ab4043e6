"""Data-subject rights for one person: a full export (access, portability) and erasure.

Why erasure pseudonymises rather than deletes: the ledger is append-only and its transfers
reference the person's account, so deleting the Person would break every total. Instead the
Person row keeps its id (the account still points at it, every transfer stays, the books
still balance) while everything that identifies them is removed or replaced:

- every story they told is withdrawn (its words erased: `stories.services.withdraw_everything`);
- their survey responses, typed answers and scale scores are deleted;
- their contact details, memberships, invitations' e-mail and their comments on findings go;
- their user account is detached, renamed and deactivated (tokens and sign-in links revoked);
- the Person's code becomes `erased-<random>`, card code and demographics are blanked and
  `erased_at` is set, so permissions treat them as nobody.

Both operations are audited with counts only (never a code, a name or an answer).
The export reuses the participant's own download (`tallytale.web.portability`), so what a
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


def _find(code: str, *, lock: bool = False) -> Person:
    code = (code or "").strip()
    qs = Person.objects.filter(erased_at__isnull=True).filter(Q(code=code) | Q(card_code=code))
    if lock:
        qs = qs.select_for_update(of=("self",))
    person = qs.select_related("home_project", "user").first() if code else None
    if person is None:
        raise NotFound(f"no such person {code!r}")
    return person


def _check(user: Any, person: Person) -> None:
    """A signed-in actor needs `people.manage` in every project the person belongs to
    (and their home project); the operator at the command line (`user=None`) may act."""
    if user is None:
        return
    projects = {person.home_project, *(m.project for m in person.memberships.all())}
    for project in projects:
        permissions.require(user, "people.manage", project)


def export_person(code: str, *, actor_label: str, user: Any = None) -> dict[str, Any]:
    """Everything Tallytale holds about a person, as JSON-able values (UK GDPR art. 15/20).

    The same document the person downloads themselves (`web.portability.personal_data`),
    contact details included: it is for the person. Audited with counts only.
    """
    from .portability import personal_data

    person = _find(code)
    _check(user, person)
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


def _deactivate(user: Any, pseudonym: str) -> None:
    from tallytale.accounts.models import ApiToken, LoginLink

    now = timezone.now()
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    LoginLink.objects.filter(user=user).delete()
    user.username = pseudonym
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()


@transaction.atomic
def erase_person(code: str, *, actor_label: str, user: Any = None) -> ErasureReport:
    """Erase a person (UK GDPR art. 17) while keeping the ledger whole; irreversible.

    See the module docstring for what goes and what stays. Runs in one transaction: either
    all of it happens or none of it does.
    """
    from tallytale.accounts.models import Invitation
    from tallytale.community.models import FindingReview
    from tallytale.stories import services as stories
    from tallytale.surveys.models import Answer, Response, ScaleScore

    person = _find(code, lock=True)
    _check(user, person)
    old_code, old_card = person.code, person.card_code
    pseudonym = _pseudonym()

    withdrawn = stories.withdraw_everything(person, actor=stories.Actor(actor_label, user))

    responses = Response.objects.filter(person=person)
    answers, _ = Answer.objects.filter(response__in=responses).delete()
    scores, _ = ScaleScore.objects.filter(response__in=responses).delete()
    n_responses, _ = responses.delete()

    contact, _ = ContactDetails.objects.filter(person=person).delete()
    memberships, _ = Membership.objects.filter(person=person).delete()
    FindingReview.objects.filter(person=person).exclude(comment="").update(comment="")
    invited = [old_code] + ([old_card] if old_card else [])
    Invitation.objects.filter(person_code__in=invited).update(person_code=pseudonym, email="")

    account = person.user
    if account is not None:
        _deactivate(account, pseudonym)

    person.code = pseudonym
    person.card_code = None
    person.user = None
    person.age_band = person.gender = person.ethnicity = ""
    person.first_language = person.area = ""
    person.new_to_volunteering = None
    person.erased_at = timezone.now()
    person.save()

    report = ErasureReport(
        person_id=person.pk,
        pseudonym=pseudonym,
        stories_withdrawn=withdrawn,
        responses_deleted=n_responses,
        answers_deleted=answers,
        scores_deleted=scores,
        memberships_removed=memberships,
        contact_deleted=bool(contact),
        account_deactivated=account is not None,
    )
    record(
        "person.erase",
        actor_label=actor_label,
        actor=user if getattr(user, "pk", None) else None,
        target=person,
        stories=withdrawn,
        responses=n_responses,
        answers=answers,
        memberships=memberships,
        contact=bool(contact),
        account=account is not None,
    )
    return report

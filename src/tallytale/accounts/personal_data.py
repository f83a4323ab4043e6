"""What the accounts app holds about a person: their sign-in account and invitations."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from tallytale.programmes.models import Person
from tallytale.programmes.signals import person_erased

from .models import ApiToken, Invitation, LoginLink


@receiver(person_erased, dispatch_uid="accounts.person_erased")
def erase(sender: Any, person: Person, pseudonym: str, **_: Any) -> dict[str, bool]:
    """Invitations made out to their codes lose the code and address; their user account
    is detached, renamed to the pseudonym and deactivated, its tokens and links revoked."""
    invited = [person.code] + ([person.card_code] if person.card_code else [])
    Invitation.objects.filter(person_code__in=invited).update(person_code=pseudonym, email="")
    user = person.user
    if user is None:
        return {"account_deactivated": False}
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
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
    return {"account_deactivated": True}

"""The ledger opens accounts as projects, partners and people are registered.

Programmes sits below the ledger and does not know it exists; the ledger listens for the
rows being created instead of being called. Bulk creation (the demo generator) opens its
accounts itself, as `post_save` does not fire for it.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext  # `_` is the receivers' **kwargs here

from tallytale.core.ledger import format_credits
from tallytale.errors import InvalidInput
from tallytale.programmes.models import Organisation, Person, Project

from . import services
from .models import Account


@receiver(post_save, sender=Project, dispatch_uid="ledger.open_project_accounts")
def open_project_accounts(sender: Any, instance: Project, created: bool, **_: Any) -> None:
    if created:
        services.scheme_accounts(instance)


@receiver(post_save, sender=Organisation, dispatch_uid="ledger.open_partner_account")
def open_partner_account(sender: Any, instance: Organisation, created: bool, **_: Any) -> None:
    if created:
        services.account_for_organisation(instance)
        return
    # an overdraft changed on the web: the account's floor follows, never above its balance
    floor = -int(instance.overdraft_minutes)
    account = Account.objects.select_for_update().filter(organisation=instance).first()
    if account is None or account.min_balance == floor:
        return
    if account.balance < floor:
        raise InvalidInput(
            gettext(
                "overdraft: %(partner)s is already %(credits)s credits below "
                "zero; allow at least that much"
            )
            % {"partner": instance.slug, "credits": format_credits(-account.balance)}
        )
    Account.objects.filter(pk=account.pk).update(min_balance=floor)


@receiver(post_save, sender=Person, dispatch_uid="ledger.open_person_account")
def open_person_account(sender: Any, instance: Person, created: bool, **_: Any) -> None:
    if created:
        services.account_for_person(instance)

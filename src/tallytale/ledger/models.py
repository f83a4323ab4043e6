"""Double-entry storage for time credits, in whole minutes of credit.

Transfers are immutable (a database trigger refuses UPDATE; the app never deletes one).
`Account.balance` is derived state kept in step inside the same transaction as the
transfer that changes it, and a CHECK constraint keeps it above the account's floor even
if a bug in the app tried otherwise.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from tallytale.core.ledger import Kind
from tallytale.programmes.models import Organisation, Person, Project


class Account(models.Model):
    class Owner(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        ISSUANCE = "issuance", "Scheme issuance"
        POT = "pot", "Community pot"

    owner = models.CharField(max_length=12, choices=Owner.choices)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="ledger_accounts")
    person = models.OneToOneField(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="account"
    )
    organisation = models.OneToOneField(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="account"
    )
    balance = models.BigIntegerField(default=0)
    min_balance = models.BigIntegerField(
        null=True, blank=True, help_text="Floor in minutes; empty means no floor (issuance)."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(min_balance__isnull=True) | Q(balance__gte=F("min_balance")),
                name="account_balance_above_floor",
            ),
            models.CheckConstraint(
                condition=~Q(owner="person") | Q(min_balance__gte=0),
                name="person_account_never_overdrawn",
            ),
            models.UniqueConstraint(
                fields=["project", "owner"],
                condition=Q(owner__in=["issuance", "pot"]),
                name="one_issuance_and_pot_per_project",
            ),
        ]

    def __str__(self) -> str:
        who = self.person or self.organisation or self.get_owner_display()
        return f"{who} ({self.project.slug})"


class Contribution(models.Model):
    """Hours a person gave at an earning partner, on a day, for an activity."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contributions")
    partner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contributions"
    )
    day = models.DateField(db_index=True)
    minutes = models.PositiveIntegerField()
    activity = models.CharField(max_length=80, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["person", "day"])]


class Transfer(models.Model):
    KIND_CHOICES = [(k.value, k.value) for k in Kind]

    debit = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="debits")
    credit = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="credits")
    amount = models.BigIntegerField()
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, db_index=True)
    category = models.CharField(max_length=80, blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    occurred_on = models.DateField(db_index=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_label = models.CharField(
        max_length=120, help_text="Who recorded it, e.g. a coordinator acting for a member."
    )
    contribution = models.OneToOneField(
        Contribution, null=True, blank=True, on_delete=models.PROTECT, related_name="transfer"
    )
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="transfer_amount_positive"),
            models.CheckConstraint(condition=~Q(debit=F("credit")), name="transfer_two_accounts"),
            models.CheckConstraint(
                condition=Q(kind="reverse", reverses__isnull=False)
                | (~Q(kind="reverse") & Q(reverses__isnull=True)),
                name="reversal_has_original",
            ),
        ]

    def delete(self, *args, **kwargs):
        raise ValueError("transfers are never deleted; record a reversal instead")

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.amount}m {self.debit_id}->{self.credit_id}"

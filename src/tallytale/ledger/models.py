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
from django.utils.translation import gettext_lazy as _

from tallytale.core.ledger import Kind
from tallytale.programmes.models import Organisation, Person, Project


class Account(models.Model):
    class Owner(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")
        ISSUANCE = "issuance", _("Scheme issuance")
        POT = "pot", _("Community pot")

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
    #: what each kind is called on pages, as on a member's statement (web/me.py); the
    #: stored value and exports keep the machine word
    KIND_LABELS = {
        Kind.ISSUE: _("Budget"),
        Kind.EARN: _("Earned"),
        Kind.SPEND: _("Spent"),
        Kind.GIFT: _("Gift"),
        Kind.DONATE: _("Given to the community pot"),
        Kind.EXPIRE: _("Expired"),
        Kind.REVERSE: _("Correction"),
    }

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

    @property
    def kind_label(self) -> str:
        """The kind in the reader's language, for pages (exports keep `kind`)."""
        return str(self.KIND_LABELS.get(Kind(self.kind), self.kind))

    @property
    def category_label(self) -> str:
        """The activity for pages: the category the ledger writes itself on an automatic
        budget issue ("auto") is named in the reader's language; a person's category as is."""
        if self.kind == Kind.ISSUE and self.category == "auto":
            return str(_("automatic budget"))
        return self.category

"""Read-only back-office views of the ledger. Changes go through the services (CLI, web),
so the rules and the audit trail apply; the admin never edits or deletes a transfer."""

from django.contrib import admin

from .models import Account, Contribution, Transfer


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Account)
class AccountAdmin(ReadOnly):
    list_display = ("id", "owner", "project", "person", "organisation", "balance", "min_balance")
    list_filter = ("owner", "project")
    search_fields = ("person__code", "organisation__slug")


@admin.register(Transfer)
class TransferAdmin(ReadOnly):
    list_display = (
        "id",
        "occurred_on",
        "kind",
        "category",
        "amount",
        "debit",
        "credit",
        "recorded_by_label",
    )
    list_filter = ("kind", "occurred_on")
    search_fields = ("idempotency_key", "debit__person__code", "credit__person__code")
    list_select_related = (
        "debit__person",
        "debit__organisation",
        "credit__person",
        "credit__organisation",
        "debit__project",
        "credit__project",
    )


@admin.register(Contribution)
class ContributionAdmin(ReadOnly):
    list_display = ("id", "day", "person", "partner", "minutes", "activity")
    list_filter = ("partner", "day")
    search_fields = ("person__code", "partner__slug")

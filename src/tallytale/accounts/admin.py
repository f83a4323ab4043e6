"""Read-only admin lists: secrets are stored hashed, so there is nothing to edit here."""

from django.contrib import admin

from .models import ApiToken, Invitation, LoginLink


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnly):
    list_display = ("person_code", "project", "role", "created_at", "expires_at", "used_at")
    exclude = ("token_hash",)


@admin.register(LoginLink)
class LoginLinkAdmin(ReadOnly):
    list_display = ("user", "created_at", "expires_at", "used_at")
    exclude = ("token_hash",)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnly):
    list_display = ("name", "user", "created_at", "last_used_at", "revoked_at")
    exclude = ("token_hash",)

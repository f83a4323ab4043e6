"""Read-only admin lists: secrets are stored hashed (or, for authenticators, encrypted) and
never shown, so there is nothing to edit here."""

from django.contrib import admin

from . import mfa
from .models import ApiToken, Invitation, LoginLink, MfaDevice


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


@admin.register(MfaDevice)
class MfaDeviceAdmin(ReadOnly):
    """Reset a lost authenticator: select it and run "Reset" (the user enrols again)."""

    list_display = ("user", "created_at", "confirmed_at")
    exclude = ("encrypted_secret", "last_step")  # never shown, not even encrypted
    actions = ["reset"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Reset: remove the authenticator and recovery codes")
    def reset(self, request, queryset):
        for device in queryset.select_related("user"):
            mfa.reset(device.user, actor=request.user)

"""Admin: set-up (prompts, signifiers) and story metadata only.

Story text is deliberately absent here: the admin has no consent table, no audit of reads,
and no redaction, so it must not become a side door to the teller's words.
"""

from django.contrib import admin

from .models import Prompt, Signifier, Story


@admin.register(Prompt)
class PromptAdmin(admin.ModelAdmin):
    list_display = ("text", "project", "active", "order")
    list_filter = ("project",)


@admin.register(Signifier)
class SignifierAdmin(admin.ModelAdmin):
    list_display = ("name", "label", "kind", "project", "active")
    list_filter = ("project", "kind")


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ("id", "project", "medium", "language", "consent_level", "held_for_review")
    list_filter = ("project", "medium", "consent_level", "held_for_review")
    fields = ("project", "external_id", "medium", "language", "consent_level", "withdrawn_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).filter(withdrawn_at__isnull=True)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from django.contrib import admin

from .models import Code, CodeHistory, ThemeRun


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    """Read-only: change the codebook through the services (history and audit)."""

    list_display = ("name", "project", "parent", "active")
    list_filter = ("project", "active")
    search_fields = ("name",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CodeHistory)
class CodeHistoryAdmin(CodeAdmin):
    list_display = ("code", "action", "by_label", "at")
    list_filter = ("action",)
    search_fields = ("code__name",)


@admin.register(ThemeRun)
class ThemeRunAdmin(CodeAdmin):
    list_display = ("pk", "project", "method", "k", "n_stories", "created_at")
    list_filter = ("project", "method")
    search_fields = ("created_by_label",)

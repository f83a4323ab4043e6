from django.contrib import admin

from .models import Claim, ReportBuild


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("key", "project", "kind", "item", "active", "computed_at")
    list_filter = ("kind", "active")
    search_fields = ("key", "label", "item")


@admin.register(ReportBuild)
class ReportBuildAdmin(admin.ModelAdmin):
    list_display = ("built_at", "project", "programme", "audience", "format", "built_by_label")
    list_filter = ("audience", "format")
    readonly_fields = [f.name for f in ReportBuild._meta.fields]

    def has_add_permission(self, request):
        return False

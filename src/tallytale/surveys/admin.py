"""Read-mostly admin views; changes go through `surveys.services`."""

from django.contrib import admin

from .models import Instrument, Wave


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("form_id", "version", "project", "title", "created_at")
    list_filter = ("project",)
    readonly_fields = [f.name for f in Instrument._meta.fields]


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ("name", "label", "project", "opens_on", "closes_on")
    list_filter = ("project",)

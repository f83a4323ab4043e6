from django.apps import AppConfig


class OpenRosaConfig(AppConfig):
    name = "tallytale.openrosa"
    label = "openrosa"
    verbose_name = "OpenRosa (ODK Collect)"
    default_auto_field = "django.db.models.BigAutoField"

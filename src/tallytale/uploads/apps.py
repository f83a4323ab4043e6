from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "tallytale.uploads"
    label = "uploads"
    verbose_name = "Uploaded files"
    default_auto_field = "django.db.models.BigAutoField"

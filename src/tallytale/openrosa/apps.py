from django.apps import AppConfig


class OpenRosaConfig(AppConfig):
    name = "tallytale.openrosa"
    label = "openrosa"
    verbose_name = "OpenRosa (ODK Collect)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tallytale.jobs import services as jobs

        from . import services

        # unfinished split submissions are deleted with other expired files
        jobs.on_cleanup(services.clean_incomplete)

from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "tallytale.surveys"

    def ready(self) -> None:
        from . import personal_data  # noqa: F401 - answers for a person's export and erasure

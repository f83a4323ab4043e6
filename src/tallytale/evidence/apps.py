from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "tallytale.evidence"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the report job)

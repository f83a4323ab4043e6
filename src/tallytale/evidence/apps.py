from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "tallytale.evidence"

    def ready(self) -> None:
        from tallytale.stories.signals import story_withdrawn

        from . import tasks  # noqa: F401  (registers the report job)
        from .msc import erase_withdrawn

        story_withdrawn.connect(erase_withdrawn, dispatch_uid="evidence.msc_erase_withdrawn")

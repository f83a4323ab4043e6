from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "tallytale.coding"

    def ready(self) -> None:
        from tallytale.stories.signals import story_withdrawn

        from . import tasks  # noqa: F401  (registers its jobs)
        from .signals import erase_withdrawn

        story_withdrawn.connect(erase_withdrawn, dispatch_uid="coding.erase_withdrawn")

from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "tallytale.stories"

    def ready(self) -> None:
        # personal_data answers for a person's export and erasure; tasks registers the export job
        from . import personal_data, tasks  # noqa: F401

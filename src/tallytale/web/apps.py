from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tallytale.web"
    verbose_name = "Web interface"

    def ready(self) -> None:
        # the data-rights and backup jobs belong to modules with no app of their own
        from tallytale.ops import tasks as ops_tasks  # noqa: F401
        from tallytale.rights import tasks as rights_tasks  # noqa: F401

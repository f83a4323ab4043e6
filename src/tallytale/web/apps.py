from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tallytale.web"
    verbose_name = "Web interface"

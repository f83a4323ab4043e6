from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "tallytale.coding"

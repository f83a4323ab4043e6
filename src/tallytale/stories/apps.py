from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "tallytale.stories"

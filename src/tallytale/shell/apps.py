from django.apps import AppConfig


class ShellConfig(AppConfig):
    name = "tallytale.shell"
    verbose_name = "Command-line shell"

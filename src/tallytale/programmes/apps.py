from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "tallytale.programmes"
    verbose_name = "Programmes, projects and people"

from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "tallytale.programmes"
    verbose_name = "Programmes, projects and people"

    def ready(self) -> None:
        # jobs sits below programmes: it checks who may read a job with these rules
        from django.utils.translation import gettext

        from tallytale.core import i18n
        from tallytale.jobs import services as jobs

        from .permissions import require

        jobs.set_policy(require)
        # core's refusals (ledger rules, ...) in the reader's language: core has no Django
        i18n.set_translator(gettext)

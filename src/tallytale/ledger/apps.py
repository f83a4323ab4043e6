from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "tallytale.ledger"
    verbose_name = "Time-credit ledger"

    def ready(self) -> None:
        from . import personal_data, signals, tasks  # noqa: F401 - receivers, the import job

from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "tallytale.ledger"
    verbose_name = "Time-credit ledger"

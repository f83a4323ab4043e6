from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tallytale.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from . import personal_data, signals  # noqa: F401 - connects the receivers

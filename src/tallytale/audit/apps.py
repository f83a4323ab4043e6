from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tallytale.audit"
    verbose_name = "Audit log"

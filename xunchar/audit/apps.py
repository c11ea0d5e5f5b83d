from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "xunchar.audit"
    label = "audit"

from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "xunchar.administration"
    label = "administration"

    def ready(self):
        from . import signals  # noqa: F401  (connects the sign-in and sign-out receivers)

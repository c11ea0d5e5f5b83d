from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xunchar.core"
    label = "core"

from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "xunchar.access"
    label = "access"

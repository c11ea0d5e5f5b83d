from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "xunchar.registry"
    label = "registry"

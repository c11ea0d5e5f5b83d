from django.apps import AppConfig


class OnsiteConfig(AppConfig):
    name = "groups.onsite"
    label = "onsite"

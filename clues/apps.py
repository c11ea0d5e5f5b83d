from django.apps import AppConfig


class CluesConfig(AppConfig):
    name = "clues"

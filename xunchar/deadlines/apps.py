from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "xunchar.deadlines"
    label = "deadlines"

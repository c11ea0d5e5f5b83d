from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "xunchar.workdays"
    label = "workdays"

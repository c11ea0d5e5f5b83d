from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "xunchar.notifications"
    label = "notifications"

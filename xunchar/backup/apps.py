from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "xunchar.backup"
    label = "backup"

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "xunchar.accounts"
    label = "accounts"

from django.apps import AppConfig


class TwoFactorConfig(AppConfig):
    name = "xunchar.twofactor"
    label = "twofactor"

from django.apps import AppConfig
from django.core import checks


class AccountsConfig(AppConfig):
    name = "xunchar.accounts"
    label = "accounts"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
        from .checks import check_lockout_settings, check_no_default_or_empty_password

        checks.register(check_no_default_or_empty_password, checks.Tags.security)
        checks.register(check_lockout_settings, checks.Tags.security)

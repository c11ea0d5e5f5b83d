from django.apps import AppConfig


class WithdrawalConfig(AppConfig):
    name = "groups.withdrawal"
    label = "withdrawal"

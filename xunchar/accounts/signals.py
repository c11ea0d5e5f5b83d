"""Thin shells: Django's sign-in signals hand over to the services."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import services


@receiver(user_logged_in, dispatch_uid="accounts_login_success")
def _logged_in(sender, request, user, **kwargs):
    services.login_success_record(user=user, request=request)


@receiver(user_login_failed, dispatch_uid="accounts_login_failure")
def _login_failed(sender, credentials, request=None, **kwargs):
    services.login_failure_record(username=str(credentials.get("username", "")), request=request)


@receiver(user_logged_out, dispatch_uid="accounts_logout")
def _logged_out(sender, request, user, **kwargs):
    services.logout_record(user=user, request=request)

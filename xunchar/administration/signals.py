"""Thin receivers: each calls one service."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from . import services


@receiver(user_logged_in, dispatch_uid="administration_session_signed_in")
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        services.session_record_sign_in(request=request, user=user)


@receiver(user_logged_out, dispatch_uid="administration_session_signed_out")
def _signed_out(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        services.session_forget(session_key=request.session.session_key)

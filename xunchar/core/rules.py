"""The one way a service refuses an actor without the right: PermissionDenied with a Chinese-translatable
reason (a view shows it on the 403 page; an illegal state move is a ValidationError instead)."""

from django.core.exceptions import PermissionDenied


def refuse(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)

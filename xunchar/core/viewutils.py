"""Small helpers every phase app's views share: refuse in scope, and hand a service's refusal to the page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


def refuse_unless(allowed: bool) -> None:
    """In scope but without the right: 403 (out of scope is the queryset's 404)."""
    if not allowed:
        raise PermissionDenied


def errors_to_messages(request, error: ValidationError) -> None:
    """A service's refusal, each message shown at the top of the next page."""
    for message in error.messages:
        messages.error(request, message)


def errors_to_form(form, error: ValidationError) -> None:
    """A service's refusal on the form that was sent: per field where the field is on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)

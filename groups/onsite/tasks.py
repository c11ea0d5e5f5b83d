from celery import shared_task
from django.utils import timezone


@shared_task
def sweep_overdue_fixes(as_of: str | None = None) -> int:
    """The beat's periodic sweep of 立行立改 items past their deadline. Idempotent: each item records
    when the group was told."""
    from datetime import date

    from .services import immediate_fix_overdue_sweep

    today = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return immediate_fix_overdue_sweep(today=today)

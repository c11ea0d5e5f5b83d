from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .services import deadline_sweep


@shared_task
def sweep_deadlines(as_of: str | None = None) -> int:
    """The beat's periodic sweep. Idempotent: the database records which stages went out."""
    from datetime import date

    today = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return deadline_sweep(today=today, lead_workdays=settings.XUNCHAR_REMINDER_WORKDAYS)

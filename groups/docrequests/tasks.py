from datetime import date

from celery import shared_task
from django.utils import timezone

from .services import reminders_send


@shared_task(name="docrequests.remind")
def remind_documents_out(as_of: str | None = None) -> int:
    """The beat's daily run: reminders about items out past their due date or near the planned
    withdrawal. Idempotent: the database records which item was reminded on which day."""
    today = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return reminders_send(today=today)

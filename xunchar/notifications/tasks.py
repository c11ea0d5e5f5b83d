import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from .services import notifications_claim_for_email

logger = logging.getLogger(__name__)


@shared_task
def send_pending_emails() -> int:
    sent = 0
    for notification in notifications_claim_for_email():
        address = notification.recipient.email
        if not address:
            continue
        try:
            send_mail(notification.title, notification.body, settings.DEFAULT_FROM_EMAIL, [address])
            sent += 1
        except OSError:
            logger.exception("e-mail for notification %s failed; the in-app copy stays", notification.pk)
    return sent

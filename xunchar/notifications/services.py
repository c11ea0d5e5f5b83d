from django.db import transaction
from django.utils import timezone

from .models import Notification


def notifications_create(*, recipients, title: str, body: str = "", url: str = "") -> list[Notification]:
    """One notification per distinct recipient, in one query."""
    return notifications_create_many(messages=[(recipients, title, body, url)])


def notifications_create_many(*, messages) -> list[Notification]:
    """Several messages, each `(recipients, title, body, url)`, in one query; one copy per person."""
    rows = []
    for recipients, title, body, url in messages:
        seen = set()
        for user in recipients:
            if user.pk not in seen:
                seen.add(user.pk)
                rows.append(Notification(recipient=user, title=title, body=body, url=url))
    return Notification.objects.bulk_create(rows)


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def notifications_claim_for_email(*, limit: int = 200) -> list[Notification]:
    """Claim unsent notifications for e-mail. A claim is committed before sending, so a message
    goes out at most once even when two workers run or one dies; the in-app copy always stays."""
    with transaction.atomic():
        qs = Notification.objects.filter(email_claimed_at__isnull=True).select_related("recipient").order_by("created_at")
        claimed = list(qs.select_for_update(skip_locked=True, of=("self",))[:limit])
        if claimed:
            Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(email_claimed_at=timezone.now())
    return claimed

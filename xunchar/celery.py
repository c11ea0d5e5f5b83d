"""The Celery app. The beat schedule is fixed here in code; the database holds what is due."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xunchar.settings")

app = Celery("xunchar")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Deadlines are counted in whole working days, so a sweep every 15 minutes is plenty;
    # it is idempotent, so a missed or doubled run changes nothing.
    "deadline-sweep": {
        "task": "xunchar.deadlines.tasks.sweep_deadlines",
        "schedule": crontab(minute="*/15"),
    },
    # 立行立改 items past their deadline with no response (groups/onsite): the group is told once.
    "onsite-overdue-fixes": {
        "task": "groups.onsite.tasks.sweep_overdue_fixes",
        "schedule": crontab(minute=7, hour="*/2"),
    },
    "send-notification-emails": {
        "task": "xunchar.notifications.tasks.send_pending_emails",
        "schedule": crontab(minute="*/5"),
    },
    # S16: documents still out past their due date or near the planned withdrawal; once a day
    # (the database records each item's reminder of the day, so a doubled run sends nothing twice).
    "docrequests-remind": {
        "task": "docrequests.remind",
        "schedule": crontab(hour=8, minute=30),
    },
}

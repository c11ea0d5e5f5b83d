"""The deadline sweep through a real Celery worker, over Redis, against the real database."""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.services.stack import require_worker_stack

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    broker = require_worker_stack()

    from xunchar.celery import app

    app.control.purge()
    db = connection.settings_dict
    env = dict(os.environ)
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env["CELERY_BROKER_URL"] = broker
    log = open(ROOT / "var" / "test-worker.log", "w+")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "xunchar", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "-n", f"test-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    process.log = log
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def _worker_log(process) -> str:
    process.log.flush()
    process.log.seek(0)
    return process.log.read()[-4000:]


def _wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_the_worker_sends_each_reminder_once(county, worker):
    from groups.withdrawal.services import group_withdraw
    from tests.withdrawal.records import settle
    from xunchar.deadlines.models import Reminder
    from xunchar.deadlines.tasks import sweep_deadlines
    from xunchar.notifications.models import Notification

    group = county.group1
    settle(group, county.leader1)
    group_withdraw(group=group, withdrawn_on=datetime.date(2026, 11, 2), actor=county.office)
    # 2026-11-16 is D1's due day (10 working days after 2 November).
    sweep_deadlines.delay("2026-11-16")
    assert _wait_for(lambda: Reminder.objects.filter(deadline__group=group, stage="due_today").exists()), (
        "the worker did not run the sweep:\n" + _worker_log(worker)
    )
    first = Notification.objects.count()
    assert first > 0
    assert Notification.objects.filter(recipient=county.office).exists()

    # A second sweep of the same day through the worker sends nothing new.
    sweep_deadlines.delay("2026-11-16")
    sweep_deadlines.delay("2026-11-16")
    marker = sweep_deadlines.delay("2026-11-16")
    assert marker.id
    time.sleep(3)
    assert Notification.objects.count() == first
    assert Reminder.objects.filter(deadline__group=group).count() == 1

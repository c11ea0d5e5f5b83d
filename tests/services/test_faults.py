"""The background jobs under faults, on the real PostgreSQL and Redis: a worker killed in the middle of
a sweep or while e-mailing, Redis stopped for a minute, PostgreSQL restarted under a running worker.
The sweeps end the same way every time: each reminder stage recorded once, with one notification per
recipient — none lost, none doubled. E-mails go out at most once.

These tests stop the machine's Redis and PostgreSQL (for everyone using them, for that moment) and
always start them again. Run them with a database and a Redis db of their own, e.g.
DATABASE_URL=postgres://postgres@127.0.0.1:5432/xunchar_faults CELERY_BROKER_URL=redis://127.0.0.1:6379/13.
"""

import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tests.conftest import skip_or_fail
from tests.factories import InspectionGroupFactory
from tests.services.stack import require_worker_stack

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

FRIDAY, MONDAY = datetime.date(2026, 11, 13), datetime.date(2026, 11, 16)
# D1 falls due 10 working days after a group withdraws. The stage each withdrawal's deadline is at
# on the two sweep days (from the third working day before the due day it is "due soon"):
STAGES = {
    datetime.date(2026, 10, 29): {FRIDAY: "overdue", MONDAY: "overdue"},  # due Thu 12 Nov
    datetime.date(2026, 11, 2): {FRIDAY: "due_soon", MONDAY: "due_today"},  # due Mon 16 Nov
    datetime.date(2026, 11, 4): {FRIDAY: "due_soon", MONDAY: "due_soon"},  # due Wed 18 Nov
    datetime.date(2026, 11, 10): {FRIDAY: None, MONDAY: None},  # due Tue 24 Nov
}
PREFIX = {"due_soon": "【即将到期】", "due_today": "【今日到期】", "overdue": "【已逾期】"}
# D1 is the office's: the office hears of it, and of an overdue one the leading group too.
TO = {
    "due_soon": {"office", "director"},
    "due_today": {"office", "director"},
    "overdue": {"office", "director", "secretary", "deputy"},
}
TITLE = re.compile(r"(【[^】]+】).*（([^（）]+)）")

# A test worker is started like `celery -A xunchar worker`; broker transport options given as JSON
# replace the settings' ones for that process only (used for a short visibility timeout).
LAUNCH = """\
import json, sys
from xunchar.celery import app
if options := json.loads(sys.argv[1]):
    app.conf.broker_transport_options = options
app.worker_main(sys.argv[2:])
"""


# ---- the county's deadlines, and what a sweep must have sent ---------------------------------------


def start_d1_clocks(county, count):
    """`count` groups of the county's round, withdrawn in turn on each date of STAGES, each with its D1 clock."""
    from xunchar.deadlines.services import deadline_start
    from xunchar.workdays.calendar import WorkCalendar

    calendar = WorkCalendar.load()
    withdrawals = list(STAGES)
    clocks = []
    for i in range(count):
        withdrawn = withdrawals[i % len(withdrawals)]
        group = InspectionGroupFactory(round=county.round, number=101 + i, withdrawn_on=withdrawn)
        clocks.append(
            deadline_start(rule_code="D1", round=county.round, group=group, started_on=withdrawn, calendar=calendar)
        )
    return clocks


def _expected(clocks, days):
    reminders, messages = Counter(), Counter()
    for clock in clocks:
        for stage in {STAGES[clock.started_on][day] for day in days} - {None}:
            reminders[(clock.pk, stage)] += 1
            for username in TO[stage]:
                messages[(username, PREFIX[stage], clock.subject_display)] += 1
    return reminders, messages


def _sent():
    from xunchar.deadlines.models import Reminder
    from xunchar.notifications.models import Notification

    reminders = Counter(Reminder.objects.values_list("deadline_id", "stage"))
    messages = Counter()
    for username, title in Notification.objects.values_list("recipient__username", "title"):
        match = TITLE.fullmatch(title)
        messages[(username, *match.groups()) if match else (username, title, "")] += 1
    return reminders, messages


def assert_sent_once(clocks, *days):
    """Every reminder stage the sweeps of `days` owe is recorded once, with one notification for each
    of its recipients: none lost, none doubled, nothing else."""
    for what, expected, sent in zip(("reminders", "notifications"), _expected(clocks, days), _sent(), strict=True):
        lost, extra = expected - sent, sent - expected
        assert not lost and not extra, (
            f"{what}: {lost.total()} lost (e.g. {list(lost)[:3]}), "
            f"{extra.total()} doubled or unexpected (e.g. {list(extra)[:3]})"
        )


# ---- workers -----------------------------------------------------------------------------------------


def wait_for(predicate, timeout=30.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(interval)
    return predicate()


class Worker:
    """A Celery worker in a process of its own, on the test database, with its log in a file."""

    def __init__(self, name, log_path, env, transport_options):
        db = connection.settings_dict
        env = {**os.environ, **env}
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
        env["CELERY_BROKER_URL"] = settings.CELERY_BROKER_URL
        self.log_path = log_path
        self._log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, json.dumps(transport_options), "worker", "--pool=solo",
             "--loglevel=INFO", "--without-heartbeat", "--without-gossip", "--without-mingle",
             "-n", f"faults-{name}-{os.getpid()}@%h"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def tail(self) -> str:
        return "\n--- worker log ---\n" + self.log()[-4000:]

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self):
        wait_for(lambda: " ready." in self.log() or not self.alive(), timeout=60)
        assert self.alive() and " ready." in self.log(), "the worker did not start" + self.tail()

    def outcome(self, task_id, timeout=30.0) -> str:
        """The log line that ends the task: `… succeeded in …s: <result>` or `… raised …`."""
        pattern = re.compile(rf"\[{re.escape(task_id)}\] (succeeded in \S+s: .*|raised .*)")

        def ended():
            match = pattern.search(self.log())
            return match and match.group(1)

        line = wait_for(ended, timeout=timeout)
        assert line, f"task {task_id} did not end within {timeout:.0f} s" + self.tail()
        return line

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


def _redis(url=None, **kwargs):
    import redis

    return redis.Redis.from_url(url or settings.CELERY_BROKER_URL, socket_connect_timeout=1, **kwargs)


def redis_up(url=None) -> bool:
    import redis

    try:
        return bool(_redis(url).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def workers(tmp_path):
    """Start workers with `workers(name, env={…}, transport_options={…})`; afterwards whatever still runs
    is stopped and the broker forgets the messages of killed workers."""
    broker = require_worker_stack()

    from xunchar.celery import app

    app.control.purge()
    # A message that a killed worker of an interrupted earlier run left unacknowledged would be
    # redelivered into this test.
    _redis(broker).delete("unacked", "unacked_index")
    started = []

    def start(name, *, env=None, transport_options=None):
        worker = Worker(name, tmp_path / f"worker-{name}.log", env or {}, transport_options or {})
        started.append(worker)
        worker.wait_ready()
        return worker

    yield start
    for worker in started:
        worker.stop()
    if redis_up(broker):
        _redis(broker).delete("unacked", "unacked_index")


# ---- holding a sweep inside its transaction ------------------------------------------------------------


@contextmanager
def table_locked(table):
    """Lock `table` from a second connection so that readers pass and writers wait: a sweep that
    reaches it waits there, inside its transaction, until the lock goes."""
    import psycopg

    db = connection.settings_dict
    lock = psycopg.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432)
    try:
        lock.execute(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')
        yield
    finally:
        with suppress(psycopg.Error):  # after a restart of PostgreSQL the connection is gone
            lock.rollback()
        lock.close()


def _backend_waiting_to_insert(table):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            " AND query LIKE %s",
            [f'INSERT INTO "{table}"%'],
        )
        row = cursor.fetchone()
    return row and row[0]


def wait_until_writing(table, worker) -> int:
    """The server process of the worker's connection, once it waits to insert into `table`."""
    pid = wait_for(lambda: _backend_waiting_to_insert(table), timeout=30)
    assert pid, f"the sweep never reached {table}" + worker.tail()
    return pid


def _backend_alive(pid) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is not None


# ---- stopping the services -------------------------------------------------------------------------------


def local_redis_start_command() -> list[str]:
    """How to start the broker's Redis again as it runs now: from its config file, or with the options
    it was given. Stopping it needs a Redis on this machine."""
    url = settings.CELERY_BROKER_URL
    if urlsplit(url).hostname not in LOCAL_HOSTS or not shutil.which("redis-server"):
        skip_or_fail(f"stopping Redis needs a local redis-server; the broker is {url}")
    client = _redis(url, decode_responses=True)
    config_file = client.info("server").get("config_file")
    if config_file:
        return ["redis-server", config_file, "--daemonize", "yes"]
    config = {}
    for key in ("bind", "port", "dir", "logfile", "save", "appendonly"):
        config.update(client.config_get(key))
    return [
        "redis-server", "--daemonize", "yes", "--bind", *config["bind"].split(), "--port", config["port"],
        "--save", config["save"], "--appendonly", config["appendonly"], "--dir", config["dir"],
        "--logfile", config["logfile"],
    ]


@contextmanager
def redis_stopped(start_command):
    """Shut the broker's Redis down (as a crash would: nothing saved); yields the moment it went.
    Redis is started again on leaving, whatever happened."""
    import redis

    url = settings.CELERY_BROKER_URL
    try:
        with suppress(redis.ConnectionError):
            _redis(url).shutdown(nosave=True)
        assert wait_for(lambda: not redis_up(url), timeout=10), "Redis did not stop"
        yield time.monotonic()
    finally:
        if not redis_up(url):
            subprocess.run(start_command, check=True, timeout=30)
        assert wait_for(lambda: redis_up(url), timeout=30), f"Redis did not start again: {' '.join(start_command)}"


def local_postgresql_cluster() -> tuple[str, str]:
    """The Debian cluster (version, name) that serves the test database."""
    db = connection.settings_dict
    if db["HOST"] not in LOCAL_HOSTS or not shutil.which("pg_ctlcluster"):
        skip_or_fail("restarting PostgreSQL needs a local Debian cluster (pg_ctlcluster)")
    listing = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        version, name, port, *_ = line.split()
        if int(port) == int(db["PORT"] or 5432):
            return version, name
    skip_or_fail(f"no local PostgreSQL cluster listens on port {db['PORT']}")


def postgresql_ready() -> bool:
    db = connection.settings_dict
    command = ["pg_isready", "-q", "-h", db["HOST"], "-p", str(db["PORT"] or 5432)]
    return subprocess.run(command).returncode == 0


def restart_postgresql(cluster):
    """Restart the cluster (fast: open transactions are rolled back, every connection is cut) and
    make sure it is up again, whatever happened."""
    version, name = cluster
    try:
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"], check=True, timeout=60)
    finally:
        if not wait_for(postgresql_ready, timeout=30, interval=0.5):
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start"], timeout=60)
        assert wait_for(postgresql_ready, timeout=60, interval=0.5), "PostgreSQL did not come back"


# ---- the faults -------------------------------------------------------------------------------------------


def test_a_worker_killed_mid_sweep_leaves_nothing_and_the_sweep_is_redelivered(county, workers):
    """A worker dies (SIGKILL) in the middle of a sweep of 300 deadlines: its reminders are written
    but not its notifications, nor committed. Nothing of it stays behind — a stage is recorded in
    the same transaction as its notifications. The message was taken with acks_late and never
    acknowledged, so the broker holds it and hands it to the next worker, which sends every stage
    once; the beat's next sweep then finds nothing left to send.

    Both ways back are shown. Redelivery waits for Redis's visibility timeout: an hour by default,
    so in production the beat's sweep 15 minutes later does the work and the redelivered one finds
    it done. Here the second worker gets a timeout of 1 s (a transport option of that process only),
    so the redelivery comes within seconds. The sweep is held at the notifications table by a lock
    taken from the test, so the kill lands inside its transaction every time, without a hook in the
    code."""
    from xunchar.deadlines.models import Reminder
    from xunchar.deadlines.tasks import sweep_deadlines
    from xunchar.notifications.models import Notification

    clocks = start_d1_clocks(county, 300)
    first = workers("first")
    with table_locked("notifications_notification"):
        task = sweep_deadlines.delay(MONDAY.isoformat())
        backend = wait_until_writing("notifications_notification", first)
        first.kill()
    assert wait_for(lambda: not _backend_alive(backend), timeout=15), "the killed worker's transaction stayed open"
    assert Reminder.objects.count() == 0
    assert Notification.objects.count() == 0
    unacked = _redis().hvals("unacked")
    assert any(task.id.encode() in message for message in unacked), "the broker no longer holds the sweep"

    second = workers(
        "second", transport_options={"visibility_timeout": 1, "unacked_restore_interval": 1, "unacked_restore_throttle": 1}
    )
    line = second.outcome(task.id)
    assert line.startswith("succeeded") and line.endswith(": 225"), line  # 75 overdue, 75 due today, 75 due soon
    assert_sent_once(clocks, MONDAY)

    beat = sweep_deadlines.delay(MONDAY.isoformat())
    assert second.outcome(beat.id).endswith(": 0")
    assert_sent_once(clocks, MONDAY)


def test_a_worker_killed_while_e_mailing_sends_no_e_mail_twice(county, workers):
    """The e-mail outbox commits its claim on a batch of notifications before it sends them, so an
    e-mail goes out at most once. A worker that dies while sending — here it waits on an SMTP relay
    that accepts the connection and never answers, and is killed — takes its claimed batch with it:
    those e-mails are not sent again, though their in-app notifications stay. Notifications made
    afterwards are e-mailed by the next worker, each once."""
    from xunchar.deadlines.services import deadline_sweep
    from xunchar.notifications.models import Notification
    from xunchar.notifications.tasks import send_pending_emails

    for username in TO["overdue"]:
        user = county.users[username]
        user.email = f"{username}@example.org"
        user.save(update_fields=["email"])
    clocks = start_d1_clocks(county, 8)
    deadline_sweep(today=FRIDAY)
    friday = set(Notification.objects.values_list("pk", flat=True))

    with socket.create_server(("127.0.0.1", 0)) as silent_relay:
        silent_relay.settimeout(30)
        relay = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(silent_relay.getsockname()[1])}
        first = workers("mailer", env=relay)
        send_pending_emails.delay()
        conversation, _ = silent_relay.accept()  # the worker is sending, and waits for a greeting
        with conversation:
            assert not Notification.objects.filter(email_claimed_at__isnull=True).exists()
            first.kill()

    deadline_sweep(today=MONDAY)
    monday = Notification.objects.exclude(pk__in=friday).select_related("recipient")
    second = workers("second")  # e-mail to the console, that is, to its log
    line = second.outcome(send_pending_emails.delay().id)
    assert line.endswith(f": {len(monday)}"), line
    assert Counter(re.findall(r"^To: (.+)$", second.log(), re.MULTILINE)) == Counter(n.recipient.email for n in monday)
    assert_sent_once(clocks, FRIDAY, MONDAY)


REDIS_OUTAGE = 60  # seconds, as the issue asks


def test_redis_down_for_a_minute(county, workers, client):
    """Redis is stopped for a minute while a worker runs. Meanwhile the pages still load (no page
    touches the broker) and enqueuing a sweep fails at once with kombu's OperationalError, not a
    hang. The worker keeps retrying the broker (after 2, 4, 6 … s) and, with Redis back, takes new
    work without a restart; the sweep that could not be enqueued during the outage is made good by
    the next one (the beat enqueues one every 15 minutes; here the test does), and the Friday sweep
    the beat repeats sends nothing twice.

    The worker's retries come 2, 6, 12, … 56, 72 s after it lost Redis, so a minute's outage is
    over about 72 s after it began; the test takes some 80 s."""
    from kombu.exceptions import OperationalError

    from xunchar.deadlines.tasks import sweep_deadlines

    start_redis = local_redis_start_command()
    clocks = start_d1_clocks(county, 40)
    worker = workers("steady")
    friday = sweep_deadlines.delay(FRIDAY.isoformat())
    assert worker.outcome(friday.id).startswith("succeeded")
    assert_sent_once(clocks, FRIDAY)
    client.force_login(county.office)

    with redis_stopped(start_redis) as stopped_at:
        for page in ("core:home", "deadlines:list", "rounds:list", "notifications:list"):
            started = time.monotonic()
            assert client.get(reverse(page)).status_code == 200, page
            assert time.monotonic() - started < 3, f"{page} waited for Redis"

        started = time.monotonic()
        with pytest.raises(OperationalError):
            sweep_deadlines.delay(MONDAY.isoformat())
        assert time.monotonic() - started < 5, "enqueuing waited for Redis instead of failing"

        time.sleep(max(0.0, stopped_at + REDIS_OUTAGE - time.monotonic()))
        assert worker.alive(), "the worker gave up while Redis was down" + worker.tail()
    assert "Cannot connect to redis" in worker.log()

    repeated_friday = sweep_deadlines.delay(FRIDAY.isoformat())
    monday = sweep_deadlines.delay(MONDAY.isoformat())
    assert worker.outcome(repeated_friday.id, timeout=45).endswith(": 0")
    assert worker.outcome(monday.id).startswith("succeeded")
    assert_sent_once(clocks, FRIDAY, MONDAY)


def test_postgresql_restarted_under_a_running_worker(county, workers):
    """PostgreSQL restarts while a worker is in the middle of a sweep. That sweep's transaction is
    rolled back and the task fails with OperationalError (it is acknowledged, not retried: the next
    sweep does its work). The worker stays up, and its next task simply works — Celery closes the
    worker's database connections before and after every task, so each task connects afresh. The
    test process reconnects too, once its broken connection is closed. Nothing is lost or doubled."""
    from xunchar.deadlines.tasks import sweep_deadlines

    cluster = local_postgresql_cluster()
    clocks = start_d1_clocks(county, 40)
    worker = workers("steady")
    friday = sweep_deadlines.delay(FRIDAY.isoformat())
    assert worker.outcome(friday.id).startswith("succeeded")

    with table_locked("notifications_notification"):
        interrupted = sweep_deadlines.delay(MONDAY.isoformat())
        wait_until_writing("notifications_notification", worker)
        restart_postgresql(cluster)
    connection.close()  # the test's own connection died with the server; the next query reconnects

    line = worker.outcome(interrupted.id)
    assert line.startswith("raised") and "OperationalError" in line, line
    assert worker.alive()
    assert_sent_once(clocks, FRIDAY)

    monday = sweep_deadlines.delay(MONDAY.isoformat())
    assert worker.outcome(monday.id).startswith("succeeded")
    assert_sent_once(clocks, FRIDAY, MONDAY)
    assert wait_for(lambda: not _redis().hlen("unacked"), timeout=5), "a failed sweep is held for redelivery"

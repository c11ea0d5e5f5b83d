"""`make run`'s command on a fresh variable folder: migrates, loads the demo county, serves pages,
and its background worker takes jobs from the embedded (file) broker."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def _page_answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _reminders(database) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM deadlines_reminder WHERE stage = 'due_today'").fetchone()[0]


@pytest.fixture
def embedded_env(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(XUNCHAR_VAR_DIR=str(tmp_path / "var"), DEBUG="1")
    return env


def test_run_serves_the_demo_county_and_its_worker_takes_jobs(embedded_env, tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run", f"127.0.0.1:{port}"], cwd=ROOT, env=embedded_env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        assert _wait(lambda: _page_answers(f"http://127.0.0.1:{port}/accounts/login/"), 120), "no page"
        assert (tmp_path / "var" / "xunchar.sqlite3").exists()

        # A job sent to the file broker is taken by the worker that `run` started.
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             "from xunchar.deadlines.tasks import sweep_deadlines; sweep_deadlines.delay('2026-12-04')"],
            cwd=ROOT, env=embedded_env, check=True, capture_output=True,
        )
        # The demo's group 2 withdrew on 2026-11-20: D1 falls due on 2026-12-04, so the sweep the
        # worker runs records a "due today" reminder in the database.
        database = tmp_path / "var" / "xunchar.sqlite3"
        assert _wait(lambda: _reminders(database) > 0, 60), "the worker took no job"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)

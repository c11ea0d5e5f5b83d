"""Benchmarks for issue 2's speed goals. Run with `make bench` (or `.venv/bin/python bench/run.py`).

- cold `make run` on a fresh clone until the first page answers  (goal < 120 s)
- a second `make run` on the same clone until the first page answers  (goal < 5 s)
- the deadline sweep's query count for 10 and for 1000 open deadlines  (goal: equal)
- `make test` wall time  (goal < 300 s; --with-tests, it takes minutes)

Prints one line per measurement; exits 1 when a goal is missed.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_and_wait(clone: Path, port: int, timeout: float = 300) -> tuple[float, subprocess.Popen]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"], cwd=clone, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/accounts/login/"
    while time.monotonic() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started, process
        except OSError:
            time.sleep(0.2)
    _stop(process)
    raise SystemExit(f"the app did not answer within {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def bench_make_run() -> list[tuple[str, float, float]]:
    workdir = Path(tempfile.mkdtemp(prefix="xunchar-bench-"))
    clone = workdir / "xunchar"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    try:
        cold, process = _start_and_wait(clone, _free_port())
        _stop(process)
        warm, process = _start_and_wait(clone, _free_port())
        _stop(process)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return [("cold make run → first page (s)", cold, 120), ("second make run → first page (s)", warm, 5)]


def bench_sweep_queries() -> list[tuple[str, float, float]]:
    code = r"""
import datetime, django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "xunchar.settings"
django.setup()
from django.test.utils import setup_test_environment, CaptureQueriesContext
from django.test.runner import DiscoverRunner
from django.db import connection
setup_test_environment()
runner = DiscoverRunner(verbosity=0)
old = runner.setup_databases()
try:
    from rounds.models import Round
    from groups.models import InspectionGroup
    from xunchar.deadlines.services import deadline_start, deadline_sweep
    from xunchar.workdays.calendar import WorkCalendar
    cal = WorkCalendar.load()
    counts = []
    made = 0
    for target in (10, 1000):
        while made < target:
            r = Round.objects.create(year=2000 + made // 50, number=made % 50 + 1)
            g = InspectionGroup.objects.create(round=r, number=1, entered_on=datetime.date(2026, 1, 5))
            deadline_start(rule_code="D1", round=r, group=g, started_on=datetime.date(2026, 11, 20), calendar=cal)
            made += 1
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            deadline_sweep(today=datetime.date(2026, 12, 4))
        # SQLite splits one bulk INSERT into batches of at most 999 parameters; count reads and
        # other statements apart from those batches.
        counts.append(sum(1 for q in ctx.captured_queries if not q["sql"].startswith("INSERT")))
    print(counts[0], counts[1])
finally:
    runner.teardown_databases(old)
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    few, many = map(int, out.stdout.split()[-2:])
    return [
        ("sweep queries (besides INSERT batches), 10 open deadlines", few, few),
        ("sweep queries (besides INSERT batches), 1000 open deadlines", many, few),
    ]


def bench_make_test() -> list[tuple[str, float, float]]:
    started = time.monotonic()
    subprocess.run(["make", "test"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return [("make test (s)", time.monotonic() - started, 300)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--with-tests", action="store_true", help="also time make test")
    parser.add_argument("--skip-run", action="store_true", help="skip the make run measurements")
    args = parser.parse_args()
    results = bench_sweep_queries()
    if not args.skip_run:
        results += bench_make_run()
    if args.with_tests:
        results += bench_make_test()
    failed = False
    for name, value, goal in results:
        ok = value <= goal
        failed |= not ok
        print(f"{'ok ' if ok else 'MISS'} {name}: {value:.1f} (goal ≤ {goal:g})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""`manage.py run` — what `make run` starts: migrate when needed, load the demo county once, then
the web server together with a Celery worker and beat, all in one go (one Django start-up, so a
second start takes seconds). Ctrl-C stops all of it."""

import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = "Starts the application with its background jobs (web server + Celery worker + beat)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true", help="start only the web server")
        parser.add_argument("--reload", action="store_true", help="restart the web server when code changes")

    def handle(self, *args, addrport, no_worker, reload, **options):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=1)
        if settings.DEMO:
            call_command("seed_demo", if_empty=True)
        worker = None
        if not no_worker:
            for folder in ("out", "processed", "control"):
                (settings.VAR_DIR / "broker" / folder).mkdir(parents=True, exist_ok=True)
            worker = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "xunchar", "--quiet", "worker", "--beat", "--pool=solo",
                 "--loglevel=WARNING", "--schedule", str(settings.VAR_DIR / "celerybeat-schedule")],
            )
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write(f"示例县巡察工作管理系统：http://{addrport}/  （演示账号见 README，密码 Demo#2026）")
        try:
            call_command("runserver", addrport, use_reloader=reload, skip_checks=False)
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()

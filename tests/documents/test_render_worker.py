"""The render task through a real Celery worker, over Redis, against the real database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from tests.services.stack import require_worker_stack

from .helpers import compact, pdf_text

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(media_root):
    broker = require_worker_stack()
    from xunchar.celery import app

    app.control.purge()
    db = connection.settings_dict
    env = dict(os.environ)
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env["CELERY_BROKER_URL"] = broker
    env["XUNCHAR_VAR_DIR"] = str(media_root.parent)  # the worker stores under the test's MEDIA_ROOT
    log = open(media_root.parent / "worker.log", "w+")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "xunchar", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "-n", f"documents-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    yield process, log
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def test_the_worker_renders_a_queued_document(county, worker):
    from xunchar.documents.models import GeneratedDocument
    from xunchar.documents.tasks import render

    process, log = worker
    document = GeneratedDocument.objects.create(
        kind="groups.roster", subject_type=ContentType.objects.get_for_model(county.group1),
        subject_id=county.group1.pk, requested_by=county.office,
    )
    render.delay(document.pk)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if document.finished:
            break
        time.sleep(0.5)
    log.flush()
    log.seek(0)
    assert document.status == GeneratedDocument.Status.READY, log.read()[-4000:]
    with document.file.open("rb") as handle:
        assert "第一巡察组基本情况表" in compact(pdf_text(handle.read()))
    assert document.history.first().history_user == county.office

"""A real Celery worker against the real broker (Redis on 127.0.0.1:6379) runs a job that
a request started. The worker reads the test database, so this runs on PostgreSQL (SQLite's
test database lives in the test process's memory)."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from jobs.constants import JobState
from jobs.models import Job
from tests.factories import OrganisationFactory
from tests.test_query_budgets import Register

REDIS = os.environ.get("IOP_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the worker needs a database it can reach"
    ),
]


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(settings, tmp_path):
    queue = f"iop-test-{uuid.uuid4().hex}"  # parallel runs never take each other's work
    settings.IOP_JOBS_RUN = "celery"
    settings.CELERY_BROKER_URL = REDIS
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    settings.MEDIA_ROOT = str(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS,
        "CELERY_QUEUE": queue,
        "DJANGO_MEDIA_ROOT": str(tmp_path),
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        "REDIS_CACHE_URL": "",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "iop", "worker", "-Q", queue, "-P", "solo",
         "--without-heartbeat", "--without-mingle", "--without-gossip", "-l", "warning"],
        cwd=django_settings.BASE_DIR,
        env=env,
    )  # fmt: skip
    yield process
    process.terminate()
    process.wait(timeout=30)


def test_a_real_worker_runs_the_export(client, worker, administrator, public_body):
    Register(public_body, OrganisationFactory(), administrator).add(3)
    client.force_login(administrator)
    response = client.post(reverse("finance:payments_export_all"))
    job = Job.objects.get()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            break
        assert worker.poll() is None, "the worker stopped"
        time.sleep(0.5)
    assert job.state == JobState.DONE, job.state
    page = client.get(response.url).content.decode()
    assert "Ladda ner" in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert b"".join(download.streaming_content).count(b"\n") == 4

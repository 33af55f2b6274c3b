"""Background jobs: progress page, result for download, failure in Swedish with nothing
kept, retry, a broker that is down, and only the asker sees the job."""

import csv
import io
import socket

import pytest
from django.urls import reverse

from jobs import registry
from jobs.constants import JobState
from jobs.models import Job
from jobs.services import job_start
from organisations.models import Organisation
from tests.factories import OrganisationFactory, UserFactory
from tests.test_query_budgets import Register

pytestmark = pytest.mark.django_db

ATTEMPTS = {"count": 0}


@registry.register("tests.flaky", title="Testarbete")
def flaky(job, progress):
    """Writes a row, then fails the first time it runs: the row must not be kept."""
    Organisation.objects.create(name="Halvfärdig", sector="idea_based", legal_form="other")
    ATTEMPTS["count"] += 1
    if ATTEMPTS["count"] == 1:
        raise RuntimeError("the first attempt fails")
    progress(1, 1)
    return {"summary": "Klart."}


def test_export_all_payments_runs_as_a_job_with_a_download(client, administrator, public_body):
    Register(public_body, OrganisationFactory(name="=HYPERLINK()"), administrator).add(3)
    client.force_login(administrator)
    response = client.post(reverse("finance:payments_export_all"))
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert job.state == JobState.DONE and "Ladda ner alla-utbetalningar-" in page
    assert '<progress id="job-progress" max="100" value="100">' in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert rows[0][:3] == ["Diarienummer", "Partnerskap", "Mottagare"]
    assert len(rows) == 4
    assert rows[1][2] == "'=HYPERLINK()"  # no formula in a spreadsheet
    # Another user's job is a 404, page and file alike.
    client.force_login(UserFactory())
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_failed_job_says_so_in_swedish_keeps_nothing_and_can_be_retried(client, administrator):
    ATTEMPTS["count"] = 0
    client.force_login(administrator)
    job = job_start(kind="tests.flaky", user=administrator)
    assert job.state == JobState.FAILED
    assert not Organisation.objects.filter(name="Halvfärdig").exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Något gick fel" in page and "Försök igen" in page
    response = client.post(reverse("jobs:retry", args=[job.pk]))
    retry = Job.objects.get(retry_of=job)
    assert response.url == retry.get_absolute_url()
    assert retry.state == JobState.DONE
    assert Organisation.objects.filter(name="Halvfärdig").count() == 1
    assert "Klart." in client.get(response.url).content.decode()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_a_broker_that_is_down_refuses_the_job_without_a_500(client, settings, administrator):
    settings.IOP_JOBS_RUN = "celery"
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    client.force_login(administrator)
    response = client.post(reverse("finance:payments_export_all"))
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.state == JobState.REFUSED
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Kön för bakgrundsarbete svarar inte" in page.content.decode()


def test_a_queued_job_refreshes_itself_without_javascript(client, administrator):
    job = Job.objects.create(kind="finance.export_all_payments", owner=administrator)
    client.force_login(administrator)
    page = client.get(job.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "I kö" in page
    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert status == {
        "state": "queued",
        "state_label": "I kö",
        "done": 0,
        "total": 0,
        "percent": 0,
        "finished": False,
    }

"""The register's import: a dry run in the background that reports counts and the rows in
error, then the confirmed import of the same file, all or nothing, in bulk. Only the national
administrator imports: the identities are every body's."""

import io

import openpyxl
import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs.models import Job
from organisations.imports import MAX_ERRORS_SHOWN
from organisations.models import Organisation
from tests.factories import UserFactory

from .conftest import log_in

pytestmark = pytest.mark.django_db
HEADERS = ["name", "org_number", "sector", "legal_form", "city", "postal_code"]
IMPORT_URL = reverse("organisations:import")
CONVICTUS = ["Convictus", "802012-1581", "idea_based", "non_profit_association", "Stockholm", ""]


def _csv(*rows, headers=HEADERS) -> bytes:
    return tablib.Dataset(*rows, headers=headers).export("csv").encode("utf-8")


def _check(client, content: bytes, name="register.csv"):
    """Upload; the eager job runner of the tests runs the dry run at once."""
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content.decode()[:3000]
    job = Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert job.state == "done", job.details
    return job


def _preview(client, job) -> str:
    return client.get(reverse("organisations:import_result", args=[job.pk])).content.decode()


@pytest.fixture
def national(db):
    user = UserFactory(username="nationell")
    user.user_permissions.add(Permission.objects.get(codename="register_public_body"))
    return user


@pytest.fixture
def national_client(client, national):
    return log_in(client, national)


def test_dry_run_counts_then_the_confirmed_import_saves(national_client, national, mission):
    job = _check(
        national_client,
        _csv(
            ["Stockholms stadsmission", "16802003-1954", "idea_based", "foundation", "Solna", ""],
            CONVICTUS,
            ["Ny Gemenskap", "8020061019", "idea_based", "non_profit_association", "", ""],
        ),
    )
    assert (job.result["new"], job.result["changed"], job.result["error_rows"]) == (2, 1, 0)
    page = _preview(national_client, job)
    assert "Provkörning av importen" in page
    assert reverse("organisations:import_confirm", args=[job.pk]) in page
    # A dry run changes nothing.
    assert not Organisation.objects.filter(name="Convictus").exists()
    mission.refresh_from_db()
    assert mission.city == "Stockholm"

    response = national_client.post(reverse("organisations:import_confirm", args=[job.pk]))
    done = Job.objects.exclude(pk=job.pk).get()
    assert response["Location"] == done.get_absolute_url()
    assert (done.state, done.result["dry_run"], done.result["new"]) == ("done", False, 2)
    mission.refresh_from_db()
    assert (mission.legal_form, mission.city) == ("foundation", "Solna")
    assert Organisation.objects.get(name="Convictus").org_number == "8020121581"
    assert Organisation.objects.filter(org_number="8020031954").count() == 1
    # Bulk writes keep the history, with who did it.
    convictus = Organisation.objects.get(name="Convictus")
    assert convictus.history.get().history_user == national
    assert mission.history.first().city == "Solna"
    assert "Importen är klar." in _preview(national_client, done)


def test_one_row_in_error_and_nothing_is_imported(national_client, mission):
    job = _check(
        national_client,
        _csv(
            CONVICTUS,
            ["Felaktig", "802012-1582", "idea_based", "non_profit_association", "Stockholm", ""],
            ["Convictus igen", "8020121581", "idea_based", "foundation", "", ""],
        ),
    )
    assert job.result["error_rows"] == 2
    errors = {error["line"]: error["messages"] for error in job.result["errors"]}
    assert errors[3] == {"org_number": ["Kontrollsiffran i organisationsnumret är fel."]}
    assert errors[4] == {"org_number": ["Numret finns också på rad 2."]}
    page = _preview(national_client, job)
    assert "Kontrollsiffran i organisationsnumret är fel." in page
    assert reverse("organisations:import_confirm", args=[job.pk]) not in page
    # Confirming anyway imports nothing.
    national_client.post(reverse("organisations:import_confirm", args=[job.pk]))
    assert Job.objects.count() == 1
    assert not Organisation.objects.filter(name__startswith="Convictus").exists()


def test_an_existing_organisation_keeps_its_sector(national_client, mission):
    job = _check(
        national_client,
        _csv(["Stockholms stadsmission", "8020031954", "public", "municipality", "", ""]),
    )
    national_client.post(reverse("organisations:import_confirm", args=[job.pk]))
    mission.refresh_from_db()
    assert mission.sector == "idea_based"


def test_the_preview_shows_the_first_rows_in_error_not_every_row(national_client):
    rows = [[f"Förening {n}", "123", "idea_based", "other", "", ""] for n in range(150)]
    job = _check(national_client, _csv(*rows))
    assert job.result["error_rows"] == 150
    assert len(job.result["errors"]) == MAX_ERRORS_SHOWN
    page = _preview(national_client, job)
    assert f"De första {MAX_ERRORS_SHOWN} raderna med fel visas; 50 till." in page
    assert len(page) < 200_000


def test_an_excel_file_imports_too(national_client):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(CONVICTUS)
    out = io.BytesIO()
    book.save(out)
    job = _check(national_client, out.getvalue(), name="register.xlsx")
    assert job.result["new"] == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("register.pdf", b"%PDF-1.4 nothing"),
        ("register.csv", b"\xff\xfe\x00binary\x00"),
        ("register.xlsx", b"name,org_number\n"),
    ],
)
def test_a_file_of_another_kind_is_refused_next_to_the_field(national_client, name, content):
    response = national_client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert "Välj en CSV-fil i UTF-8 eller en Excel-fil (.xlsx)." in response.content.decode()
    assert not Job.objects.exists()


def test_a_file_without_the_columns_fails_its_job_in_swedish(national_client):
    response = national_client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("x.csv", b"namn;nummer\nA;1\n")}
    )
    job = Job.objects.get()
    assert job.state == "failed"
    page = national_client.get(response["Location"]).content.decode()
    assert "Filen behöver kolumnerna från registrets export" in page


@pytest.mark.parametrize("who", ["administrator", "official", "representative"])
def test_only_the_national_administrator_imports(client, request, who):
    log_in(client, request.getfixturevalue(who))
    assert client.get(IMPORT_URL).status_code == 403


def test_another_persons_import_is_404(client, national_client, mission, superuser):
    job = _check(national_client, _csv(CONVICTUS))
    log_in(client, superuser)
    assert client.get(reverse("organisations:import_result", args=[job.pk])).status_code == 404
    assert client.post(reverse("organisations:import_confirm", args=[job.pk])).status_code == 404


def test_the_national_administrator_finds_the_import_beside_the_bodies(national_client):
    page = national_client.get(reverse("bodies:list")).content.decode()
    assert f'href="{IMPORT_URL}"' in page


def test_a_file_too_large_is_refused_next_to_the_field(national_client, settings):
    settings.IOP_MAX_UPLOAD_BYTES = 10
    response = national_client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("register.csv", _csv(CONVICTUS))}
    )
    assert response.status_code == 200
    assert "Filen är för stor" in response.content.decode()
    assert not Job.objects.exists()

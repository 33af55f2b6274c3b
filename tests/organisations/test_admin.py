"""Admin and import/export of the register (django-import-export 4)."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisations.models import Organisation
from organisations.resources import MembershipResource, OrganisationResource
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import log_in

HEADERS = ["name", "org_number", "sector", "legal_form", "city", "postal_code"]
IMPORT_URL = reverse("admin:organisations_organisation_import")
PROCESS_URL = reverse("admin:organisations_organisation_process_import")
EXPORT_URL = reverse("admin:organisations_organisation_export")


def _csv(*rows):
    dataset = tablib.Dataset(*rows, headers=HEADERS)
    return dataset.export("csv")


def _upload(client, content: str):
    return client.post(
        IMPORT_URL,
        {
            "resource": "0",
            "format": "0",  # CSV, the first of the admin's formats
            "import_file": SimpleUploadedFile("register.csv", content.encode("utf-8")),
        },
    )


@pytest.fixture
def admin_client(client, superuser):
    return log_in(client, superuser)


@pytest.mark.django_db
def test_admin_pages_render(admin_client, mission):
    assert (
        admin_client.get(reverse("admin:organisations_organisation_changelist")).status_code == 200
    )
    change = admin_client.get(reverse("admin:organisations_organisation_change", args=[mission.pk]))
    assert change.status_code == 200
    assert 'value="802003-1954"' in change.content.decode()
    history = reverse("admin:organisations_organisation_history", args=[mission.pk])
    assert admin_client.get(history).status_code == 200
    assert admin_client.get(reverse("admin:organisations_membership_changelist")).status_code == 200


@pytest.mark.django_db
def test_relations_are_read_only_in_the_admin(admin_client, mission):
    """Relations are written through the organisation page's services only."""
    from tests.factories import RelationFactory

    relation = RelationFactory(organisation=mission, bankgiro="50501055")
    page = admin_client.get(reverse("admin:organisations_relation_change", args=[relation.pk]))
    assert page.status_code == 200
    assert admin_client.get(reverse("admin:organisations_relation_add")).status_code == 403
    admin_client.post(
        reverse("admin:organisations_relation_change", args=[relation.pk]),
        {"bankgiro": "11100005", "body": relation.body_id, "organisation": mission.pk},
    )
    relation.refresh_from_db()
    assert relation.bankgiro == "50501055"


@pytest.mark.django_db
def test_export_csv_through_the_admin_has_formatted_number(admin_client, mission):
    form = admin_client.get(EXPORT_URL).context["form"]
    data = {"format": "0", "resource": "0"}
    data |= {name: "on" for name in form.fields if name.startswith("organisationresource_")}
    response = admin_client.post(EXPORT_URL, data)
    assert response.status_code == 200
    content = response.content.decode("utf-8-sig")
    assert "802003-1954" in content
    assert "Stockholms stadsmission" in content
    assert "id" not in content.splitlines()[0].split(",")


@pytest.mark.django_db
def test_export_resource_formats_numbers(mission):
    dataset = OrganisationResource().export()
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["org_number"] == "802003-1954"
    # The shared register exports identities: no body's contact or giro.
    assert not {"bankgiro", "plusgiro", "contact_name", "contact_email"} & set(dataset.headers)
    assert "id" not in dataset.headers
    assert dataset.export("xlsx")  # XLSX works too


@pytest.mark.django_db
def test_import_dry_run_in_admin_shows_new_and_update_per_row(admin_client, mission):
    content = _csv(
        ["Stockholms stadsmission", "16802003-1954", "idea_based", "foundation", "Stockholm", ""],
        ["Convictus", "802012-1581", "idea_based", "non_profit_association", "Stockholm", ""],
    )
    response = _upload(admin_client, content)
    assert response.status_code == 200
    result = response.context["result"]
    assert [row.import_type for row in result.rows] == ["update", "new"]
    assert response.context["confirm_form"] is not None
    # A dry run changes nothing.
    assert not Organisation.objects.filter(name="Convictus").exists()
    mission.refresh_from_db()
    assert mission.legal_form == "non_profit_association"

    confirm = response.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    response = admin_client.post(PROCESS_URL, data)
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.legal_form == "foundation"
    assert Organisation.objects.get(name="Convictus").org_number == "8020121581"
    assert Organisation.objects.filter(org_number="8020031954").count() == 1


@pytest.mark.django_db
def test_import_in_admin_with_one_invalid_row_changes_nothing(admin_client, mission):
    content = _csv(
        ["Convictus", "802012-1581", "idea_based", "non_profit_association", "Stockholm", ""],
        ["Felaktig", "802012-1582", "idea_based", "non_profit_association", "Stockholm", ""],
        ["Stockholms stadsmission", "802003-1954", "idea_based", "foundation", "Solna", ""],
    )
    response = _upload(admin_client, content)
    result = response.context["result"]
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2]
    assert result.invalid_rows[0].error_dict == {
        "org_number": ["Kontrollsiffran i organisationsnumret är fel."]
    }
    assert "Kontrollsiffran i organisationsnumret är fel." in response.content.decode()
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    assert not Organisation.objects.filter(name__in=["Convictus", "Felaktig"]).exists()
    mission.refresh_from_db()
    assert mission.city == "Stockholm"


@pytest.mark.django_db
def test_import_resource_with_one_invalid_row_changes_nothing(mission):
    dataset = tablib.Dataset(
        ["Convictus", "802012-1581", "idea_based", "non_profit_association", "Stockholm", ""],
        ["Stadsmissionen", "802003-1954", "idea_based", "nonsense", "Solna", ""],
        headers=HEADERS,
    )
    result = OrganisationResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert list(result.invalid_rows[0].error_dict) == ["legal_form"]
    assert not Organisation.objects.filter(name="Convictus").exists()
    mission.refresh_from_db()
    assert (mission.name, mission.city) == ("Stockholms stadsmission", "Stockholm")


@pytest.mark.django_db
def test_import_resource_needs_org_number(db):
    dataset = tablib.Dataset(
        ["Utan nummer", "", "idea_based", "non_profit_association", "", ""], headers=HEADERS
    )
    result = OrganisationResource().import_data(dataset, dry_run=True)
    assert result.invalid_rows[0].error_dict == {
        "org_number": [
            "Varje rad behöver ett organisationsnummer; det identifierar organisationen."
        ]
    }


@pytest.mark.django_db
def test_import_resource_creates_and_updates_by_number(mission):
    dataset = tablib.Dataset(
        ["Stockholms stadsmission", "8020031954", "idea_based", "foundation", "Solna", "171 48"],
        ["Convictus", "16802012-1581", "idea_based", "non_profit_association", "Stockholm", ""],
        headers=HEADERS,
    )
    result = OrganisationResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["update", "new"]
    mission.refresh_from_db()
    assert (mission.city, mission.postal_code) == ("Solna", "171 48")
    assert Organisation.objects.get(name="Convictus").org_number == "8020121581"


@pytest.mark.django_db
def test_import_from_xlsx(mission):
    dataset = tablib.Dataset(
        ["Convictus", "802012-1581", "idea_based", "non_profit_association", "Stockholm", ""],
        headers=HEADERS,
    )
    xlsx = tablib.Dataset().load(io.BytesIO(dataset.export("xlsx")), format="xlsx")
    result = OrganisationResource().import_data(xlsx, dry_run=False)
    assert not result.has_validation_errors()
    assert Organisation.objects.filter(org_number="8020121581").exists()


@pytest.mark.django_db
def test_membership_resource_round_trip(public_body):
    membership = MembershipFactory(organisation=public_body, role="official")
    dataset = MembershipResource().export()
    assert "id" not in dataset.headers
    membership.delete()
    result = MembershipResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert public_body.memberships.get().role == "official"


@pytest.mark.django_db
def test_membership_resource_refuses_wrong_role_for_sector(db):
    organisation = OrganisationFactory()
    membership = MembershipFactory(
        organisation=organisation,
        role="representative",
        body=OrganisationFactory(public=True),
    )
    dataset = MembershipResource().export()
    dataset[0] = tuple("administrator" if v == "representative" else v for v in dataset[0])
    result = MembershipResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    membership.refresh_from_db()
    assert membership.role == "representative"

"""Admin and import/export of the register (django-import-export 4)."""

import io

import pytest
import tablib
from django.urls import reverse

from organisations.models import Organisation
from organisations.resources import MembershipResource, OrganisationResource
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import log_in

HEADERS = ["name", "org_number", "sector", "legal_form", "city", "postal_code"]
IMPORT_URL = reverse("admin:organisations_organisation_import")
EXPORT_URL = reverse("admin:organisations_organisation_export")


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
def test_the_admins_import_leads_to_the_registers_own(admin_client):
    """The row-by-row import outlasts a worker at national scale: tests/organisations/
    test_import.py covers the register's own (dry run, preview, confirmed bulk import)."""
    response = admin_client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:import")


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

"""Import and export of partnerships through the admin, as a superuser."""

import datetime

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Partnership, Party
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "public_body,registry_number,title,purpose,goal,target_group,"
    "start_date,end_date,latest_end_date,parties"
)


@pytest.fixture
def admin_site(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def register(public_body):
    public_body.org_number = "2120000142"
    public_body.save()
    return {
        "mission": OrganisationFactory(name="Stockholms stadsmission", org_number="8020031954"),
        "convictus": OrganisationFactory(name="Convictus", org_number="8020121581"),
        "body": public_body,
    }


def format_index(response, title):
    form = response.context["form"]
    return next(value for value, label in form.fields["format"].choices if label == title)


def test_export_csv_contains_dnr_and_party_numbers(admin_site, register):
    PartnershipFactory(
        public_body=register["body"],
        registry_number="156-139/2015",
        organisations=[register["mission"], register["convictus"]],
    )
    url = reverse("admin:partnerships_partnership_export")
    form_page = admin_site.get(url)
    form = form_page.context["form"]
    data = {
        name: "on"
        for name, field in form.fields.items()
        if field.__class__.__name__ == "BooleanField"
    }
    data.update({"format": format_index(form_page, "csv"), "resource": "0"})
    response = admin_site.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "212000-0142" in content
    assert "156-139/2015" in content
    assert "802003-1954;802012-1581" in content
    assert "draft" in content


def upload(admin_site, content, *, name="partnerships.csv", fmt="csv"):
    url = reverse("admin:partnerships_partnership_import")
    form_page = admin_site.get(url)
    data = {
        "format": format_index(form_page, fmt),
        "resource": "0",
        "import_file": SimpleUploadedFile(name, content),
    }
    return admin_site.post(url, data)


def csv_rows(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


GOOD_ROW = (
    "212000-0142,156-139/2015,Stöd till utsatta EU-medborgare,Syfte,Mål,EU-medborgare,"
    "2017-05-01,2019-04-30,,802003-1954;8020121581"
)


def test_import_dry_run_then_confirm_creates_partnership_with_parties(admin_site, register):
    response = upload(admin_site, csv_rows(GOOD_ROW))
    assert response.status_code == 200
    assert not response.context["result"].has_errors()
    assert not response.context["result"].has_validation_errors()
    assert not Partnership.objects.exists(), "the first step is a dry run"
    confirm = response.context["confirm_form"]
    response = admin_site.post(
        reverse("admin:partnerships_partnership_process_import"), confirm.initial
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get()
    assert partnership.public_body == register["body"]
    parties = {(p.organisation.name, p.is_public, p.joined_on) for p in partnership.parties.all()}
    assert parties == {
        (register["body"].name, True, datetime.date(2017, 5, 1)),
        ("Stockholms stadsmission", False, datetime.date(2017, 5, 1)),
        ("Convictus", False, datetime.date(2017, 5, 1)),
    }
    assert partnership.criteria.count() == 6


def test_import_updates_by_natural_key_and_adds_missing_parties(admin_site, register):
    existing = PartnershipFactory(
        public_body=register["body"],
        registry_number="156-139/2015",
        organisations=[register["mission"]],
    )
    response = upload(admin_site, csv_rows(GOOD_ROW))
    confirm = response.context["confirm_form"]
    admin_site.post(reverse("admin:partnerships_partnership_process_import"), confirm.initial)
    existing.refresh_from_db()
    assert Partnership.objects.count() == 1
    assert existing.title == "Stöd till utsatta EU-medborgare"
    assert existing.parties.count() == 3


@pytest.mark.parametrize(
    "bad_row",
    [
        # an unknown organisation number among the parties
        "212000-0142,1-2/2017,Okänd part,,,,2017-01-01,2017-12-31,,802002-8638",
        # end before start
        "212000-0142,1-3/2017,Baklänges,,,,2017-01-01,2016-12-31,,802003-1954",
        # an unknown public body
        "802002-8638,1-4/2017,Fel myndighet,,,,2017-01-01,2017-12-31,,",
    ],
)
def test_import_with_an_invalid_row_changes_nothing(admin_site, register, bad_row):
    response = upload(admin_site, csv_rows(GOOD_ROW, bad_row))
    result = response.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Partnership.objects.exists()
    assert not Party.objects.exists()


def test_unknown_party_number_message_is_shown(admin_site, register):
    row = "212000-0142,1-2/2017,Okänd part,,,,2017-01-01,2017-12-31,,802002-8638"
    response = upload(admin_site, csv_rows(row))
    assert "Okända organisationsnummer: 802002-8638" in response.content.decode()


def test_import_xlsx(admin_site, register):
    dataset = tablib.Dataset(headers=HEADER.split(","))
    dataset.append(GOOD_ROW.split(","))
    response = upload(admin_site, dataset.export("xlsx"), name="p.xlsx", fmt="xlsx")
    assert not response.context["result"].has_errors()
    assert not response.context["result"].has_validation_errors()


def test_admin_pages_open(admin_site, register):
    partnership = PartnershipFactory(
        public_body=register["body"], organisations=[register["mission"]]
    )
    for name in [
        "partnership",
        "party",
        "appendix",
        "resource",
        "criterionassessment",
        "statuschange",
    ]:
        assert admin_site.get(reverse(f"admin:partnerships_{name}_changelist")).status_code == 200
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    assert admin_site.get(url).status_code == 200
    url = reverse("admin:partnerships_partnership_history", args=[partnership.pk])
    assert admin_site.get(url).status_code == 200


def test_admin_add_goes_through_the_service(admin_site, register):
    url = reverse("admin:partnerships_partnership_add")
    data = {
        "public_body": register["body"].pk,
        "title": "Via admin",
        "registry_number": "9-9/2017",
        "start_date": "2017-01-01",
        "end_date": "2017-12-31",
        "parties-TOTAL_FORMS": "0",
        "parties-INITIAL_FORMS": "0",
        "criteria-TOTAL_FORMS": "0",
        "criteria-INITIAL_FORMS": "0",
    }
    response = admin_site.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    partnership = Partnership.objects.get()
    assert partnership.parties.get().is_public
    assert partnership.criteria.count() == 6

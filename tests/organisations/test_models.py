import datetime

import pytest
from django.core.exceptions import ValidationError

from organisations.constants import LegalForm, Sector
from organisations.models import Organisation, Relation
from tests.factories import OrganisationFactory


def _organisation(**kwargs):
    fields = {
        "name": "Stockholms stadsmission",
        "sector": Sector.IDEA_BASED,
        "legal_form": LegalForm.NON_PROFIT_ASSOCIATION,
    }
    return Organisation(**fields | kwargs)


@pytest.mark.django_db
def test_full_clean_accepts_and_normalises_every_accepted_form_of_the_numbers():
    organisation = _organisation(org_number="16 802003 1954")
    organisation.full_clean()
    assert organisation.org_number == "8020031954"
    assert organisation.org_number_display == "802003-1954"
    organisation.save()
    body = Organisation.objects.create(
        name="Stockholm", sector=Sector.PUBLIC, legal_form=LegalForm.MUNICIPALITY
    )
    relation = Relation(body=body, organisation=organisation, bankgiro="5050-1055")
    relation.full_clean()
    assert relation.bankgiro == "50501055"
    assert relation.bankgiro_display == "5050-1055"


@pytest.mark.django_db
def test_registration_date_needs_registration():
    organisation = _organisation(registered_idea_based_since=datetime.date(2024, 1, 1))
    with pytest.raises(ValidationError) as exc:
        organisation.clean()
    assert exc.value.message_dict["registered_idea_based_since"] == [
        "Ett registreringsdatum kräver att organisationen är registrerad."
    ]


@pytest.mark.django_db
def test_public_body_must_be_municipality_region_or_other():
    organisation = _organisation(sector=Sector.PUBLIC, legal_form=LegalForm.FOUNDATION)
    with pytest.raises(ValidationError) as exc:
        organisation.clean()
    assert "legal_form" in exc.value.message_dict


@pytest.mark.django_db
def test_search_by_name_and_number():
    mission = OrganisationFactory(name="Stockholms stadsmission", org_number="8020031954")
    OrganisationFactory(name="Convictus", org_number="8020121581")
    assert list(Organisation.objects.search("stadsmission")) == [mission]
    assert list(Organisation.objects.search("802003-1954")) == [mission]
    assert list(Organisation.objects.search("16802003-1954")) == [mission]
    assert list(Organisation.objects.search("802003")) == [mission]


@pytest.mark.django_db
def test_full_clean_accepts_the_hyphenated_form_and_reports_a_bad_number_once():
    organisation = _organisation(org_number="802003-1954")
    organisation.full_clean()
    assert organisation.org_number == "8020031954"

    bad = _organisation(org_number="802003-1955")
    with pytest.raises(ValidationError) as exc:
        bad.full_clean()
    assert exc.value.message_dict["org_number"] == ["Kontrollsiffran i organisationsnumret är fel."]

import pytest
from django.core.exceptions import ValidationError

from organisations.constants import LegalForm, Sector
from organisations.models import AuthorisedSignatory, Organisation
from organisations.services import organisation_create, organisation_update, signatories_set
from tests.factories import OrganisationFactory, SignatoryFactory

DUPLICATE = "Det finns redan en organisation med detta organisationsnummer."


def _fields(**kwargs):
    return {
        "name": "Stockholms stadsmission",
        "org_number": "802003-1954",
        "sector": Sector.IDEA_BASED,
        "legal_form": LegalForm.NON_PROFIT_ASSOCIATION,
    } | kwargs


@pytest.mark.django_db
def test_create_normalises_numbers_and_saves_signatories():
    organisation = organisation_create(
        **_fields(bankgiro="5050-1055", plusgiro="90 20 01-7"),
        signatories=[{"name": "Marika Markovits", "title": "Direktor"}],
    )
    organisation.refresh_from_db()
    assert organisation.org_number == "8020031954"
    assert organisation.bankgiro == "50501055"
    assert organisation.plusgiro == "9020017"
    assert [str(s) for s in organisation.signatories.all()] == ["Marika Markovits, Direktor"]


@pytest.mark.django_db
def test_create_accepts_twelve_digit_number():
    organisation = organisation_create(**_fields(org_number="16802003-1954"))
    assert organisation.org_number == "8020031954"


@pytest.mark.django_db
def test_create_without_number_stores_null():
    organisation_create(**_fields(name="Bris", org_number=""))
    organisation_create(**_fields(name="Ny förening", org_number=""))
    assert Organisation.objects.filter(org_number__isnull=True).count() == 2


@pytest.mark.django_db
def test_duplicate_org_number_is_refused_in_swedish():
    OrganisationFactory(org_number="8020031954")
    with pytest.raises(ValidationError) as exc:
        organisation_create(**_fields(org_number="16802003-1954"))
    assert exc.value.message_dict == {"org_number": [DUPLICATE]}
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_invalid_number_is_reported_once():
    with pytest.raises(ValidationError) as exc:
        organisation_create(**_fields(org_number="802003-1955"))
    assert exc.value.message_dict == {
        "org_number": ["Kontrollsiffran i organisationsnumret är fel."]
    }


@pytest.mark.django_db
def test_bad_signatory_saves_nothing():
    with pytest.raises(ValidationError):
        organisation_create(**_fields(), signatories=[{"name": "", "title": "Ordförande"}])
    assert not Organisation.objects.exists()
    assert not AuthorisedSignatory.objects.exists()


@pytest.mark.django_db
def test_update_changes_fields_and_records_history():
    organisation = OrganisationFactory(name="Gamla namnet")
    organisation_update(organisation=organisation, name="Nya namnet", city="Uppsala")
    organisation.refresh_from_db()
    assert organisation.name == "Nya namnet"
    latest, previous = organisation.history.all()[:2]
    changed = latest.diff_against(previous).changed_fields
    assert {"name", "city"} <= set(changed)


@pytest.mark.django_db
def test_update_to_another_organisations_number_is_refused():
    OrganisationFactory(org_number="8020031954")
    organisation = OrganisationFactory(org_number="8020121581")
    with pytest.raises(ValidationError) as exc:
        organisation_update(organisation=organisation, org_number="802003-1954")
    assert exc.value.message_dict == {"org_number": [DUPLICATE]}
    organisation.refresh_from_db()
    assert organisation.org_number == "8020121581"


@pytest.mark.django_db
def test_update_with_unknown_field_is_a_programming_error():
    organisation = OrganisationFactory()
    with pytest.raises(TypeError):
        organisation_update(organisation=organisation, created_at=None)


@pytest.mark.django_db
def test_signatories_set_updates_adds_and_removes():
    organisation = OrganisationFactory()
    kept = SignatoryFactory(organisation=organisation, name="Anna", title="Ordförande")
    SignatoryFactory(organisation=organisation, name="Bertil", title="Kassör")
    signatories_set(
        organisation=organisation,
        signatories=[
            {"id": kept.pk, "name": "Anna Andersson", "title": "Ordförande"},
            {"name": "Cecilia", "title": "Sekreterare"},
        ],
    )
    assert [s.name for s in organisation.signatories.all()] == ["Anna Andersson", "Cecilia"]
    assert organisation.signatories.get(name="Anna Andersson").pk == kept.pk


@pytest.mark.django_db
def test_signatories_set_refuses_another_organisations_signatory():
    organisation = OrganisationFactory()
    foreign = SignatoryFactory()
    with pytest.raises(ValidationError):
        signatories_set(
            organisation=organisation, signatories=[{"id": foreign.pk, "name": "X", "title": ""}]
        )
    foreign.refresh_from_db()
    assert foreign.name == "Anna Andersson"

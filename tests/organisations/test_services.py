import pytest
from django.core.exceptions import ValidationError

from organisations.constants import LegalForm, Sector
from organisations.models import AuthorisedSignatory, Organisation, Relation
from organisations.services import (
    organisation_create,
    organisation_update,
    relation_update,
    signatories_set,
)
from tests.factories import OrganisationFactory, RelationFactory, SignatoryFactory

DUPLICATE = "Det finns redan en organisation med detta organisationsnummer."


def _fields(**kwargs):
    return {
        "name": "Stockholms stadsmission",
        "org_number": "802003-1954",
        "sector": Sector.IDEA_BASED,
        "legal_form": LegalForm.NON_PROFIT_ASSOCIATION,
    } | kwargs


@pytest.mark.django_db
def test_relation_update_normalises_giro_and_saves_signatories_for_that_body_only():
    organisation = organisation_create(**_fields())
    assert organisation.org_number == "8020031954"
    stockholm, uppsala = OrganisationFactory(public=True), OrganisationFactory(public=True)
    other = RelationFactory(body=uppsala, organisation=organisation, bankgiro="11100005")
    relation = relation_update(
        body=stockholm,
        organisation=organisation,
        bankgiro="5050-1055",
        plusgiro="90 20 01-7",
        contact_name="Kim",
        signatories=[{"name": "Marika Markovits", "title": "Direktor"}],
    )
    relation.refresh_from_db()
    assert (relation.bankgiro, relation.plusgiro) == ("", "")  # until a second admin confirms
    change = relation.giro_changes.pending().get()
    assert (change.bankgiro, change.plusgiro) == ("50501055", "9020017")
    assert [str(s) for s in relation.signatories.all()] == ["Marika Markovits, Direktor"]
    other.refresh_from_db()
    assert (other.bankgiro, other.contact_name, other.signatories.count()) == ("11100005", "", 0)


@pytest.mark.django_db
def test_relation_update_refuses_bad_giro_and_saves_nothing():
    organisation = OrganisationFactory()
    body = OrganisationFactory(public=True)
    with pytest.raises(ValidationError) as exc:
        relation_update(body=body, organisation=organisation, bankgiro="5050-1056")
    assert exc.value.message_dict == {"bankgiro": ["Kontrollsiffran i gironumret är fel."]}
    assert not Relation.objects.exists()


@pytest.mark.django_db
def test_relation_needs_a_public_body():
    with pytest.raises(ValidationError):
        relation_update(body=OrganisationFactory(), organisation=OrganisationFactory())
    assert not Relation.objects.exists()


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
    organisation = OrganisationFactory()
    body = OrganisationFactory(public=True)
    with pytest.raises(ValidationError):
        relation_update(
            body=body,
            organisation=organisation,
            contact_name="Kim",
            signatories=[{"name": "", "title": "Ordförande"}],
        )
    assert not Relation.objects.exists()
    assert not AuthorisedSignatory.objects.exists()


@pytest.mark.django_db
def test_update_changes_fields_and_records_history_with_the_body():
    organisation = OrganisationFactory(name="Gamla namnet")
    body = OrganisationFactory(public=True, name="Uppsala kommun")
    organisation_update(organisation=organisation, body=body, name="Nya namnet", city="Uppsala")
    organisation.refresh_from_db()
    assert organisation.name == "Nya namnet"
    latest, previous = organisation.history.all()[:2]
    assert latest.history_change_reason == "Uppsala kommun"
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
    relation = RelationFactory()
    kept = SignatoryFactory(relation=relation, name="Anna", title="Ordförande")
    SignatoryFactory(relation=relation, name="Bertil", title="Kassör")
    signatories_set(
        relation=relation,
        signatories=[
            {"id": kept.pk, "name": "Anna Andersson", "title": "Ordförande"},
            {"name": "Cecilia", "title": "Sekreterare"},
        ],
    )
    assert [s.name for s in relation.signatories.all()] == ["Anna Andersson", "Cecilia"]
    assert relation.signatories.get(name="Anna Andersson").pk == kept.pk


@pytest.mark.django_db
def test_signatories_set_refuses_another_bodys_signatory():
    organisation = OrganisationFactory()
    relation = RelationFactory(organisation=organisation)
    # The same organisation's signatory, as given to another body.
    foreign = SignatoryFactory(relation__organisation=organisation)
    with pytest.raises(ValidationError):
        signatories_set(
            relation=relation, signatories=[{"id": foreign.pk, "name": "X", "title": ""}]
        )
    foreign.refresh_from_db()
    assert foreign.name == "Anna Andersson"

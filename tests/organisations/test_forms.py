import pytest

from organisations.forms import (
    OrganisationForm,
    RelationContactForm,
    RelationForm,
    SignatoryFormSet,
    signatories_from,
)
from organisations.models import Organisation
from tests.factories import OrganisationFactory, RelationFactory, SignatoryFactory

from .conftest import form_data, relation_data


@pytest.mark.django_db
def test_edit_form_shows_formatted_numbers():
    organisation = OrganisationFactory(org_number="8020031954")
    form = OrganisationForm(instance=organisation)
    assert form["org_number"].value() == "802003-1954"
    assert 'value="802003-1954"' in str(form["org_number"])
    relation = RelationFactory(organisation=organisation, bankgiro="50501055")
    assert RelationForm(instance=relation)["bankgiro"].value() == "5050-1055"


@pytest.mark.django_db
def test_identity_form_has_no_contact_or_giro_and_contact_form_no_giro():
    assert "bankgiro" not in OrganisationForm().fields
    assert "contact_name" not in OrganisationForm().fields
    assert set(RelationContactForm().fields) == {"contact_name", "contact_email", "contact_phone"}


@pytest.mark.django_db
def test_date_input_is_a_date_field():
    assert 'type="date"' in str(OrganisationForm()["registered_idea_based_since"])


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["802012-1581", "8020121581", "16802012-1581"])
def test_every_form_of_the_number_is_accepted(number):
    form = OrganisationForm(data=form_data(org_number=number))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["org_number"] == "8020121581"


@pytest.mark.django_db
def test_empty_number_is_none():
    form = OrganisationForm(data=form_data(org_number=""))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["org_number"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("org_number", "802012-1582", "Kontrollsiffran i organisationsnumret är fel."),
        ("org_number", "80201-1581", "Ett organisationsnummer har tio siffror (NNNNNN-NNNN)."),
        ("name", "", "Detta fält måste fyllas i."),
        (
            "registered_idea_based_since",
            "2024-01-01",
            "Ett registreringsdatum kräver att organisationen är registrerad.",
        ),
    ],
)
def test_each_bad_input_gets_one_swedish_message_next_to_the_field(field, value, message):
    form = OrganisationForm(data=form_data(**{field: value}))
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert form[field].value() == value  # what the user typed is kept


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bankgiro", "5050-1056", "Kontrollsiffran i gironumret är fel."),
        ("plusgiro", "1", "Ett plusgironummer har 2 till 8 siffror."),
        ("contact_email", "inte-en-adress", "Fyll i en giltig e-postadress."),
    ],
)
def test_relation_bad_input_gets_one_swedish_message_next_to_the_field(field, value, message):
    form = RelationForm(data=relation_data(**{field: value}))
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert form[field].value() == value


@pytest.mark.django_db
def test_duplicate_number_error_in_the_form():
    OrganisationFactory(org_number="8020121581")
    form = OrganisationForm(data=form_data(org_number="16802012-1581"))
    assert not form.is_valid()
    assert form.errors["org_number"] == [
        "Det finns redan en organisation med detta organisationsnummer."
    ]


@pytest.mark.django_db
def test_editing_keeps_own_number_without_duplicate_error():
    organisation = OrganisationFactory(org_number="8020121581")
    form = OrganisationForm(data=form_data(org_number="802012-1581"), instance=organisation)
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_signatories_from_formset_skips_empty_and_deleted_rows():
    relation = RelationFactory()
    old = SignatoryFactory(relation=relation, name="Gammal")
    data = relation_data(
        **{
            "signatories-TOTAL_FORMS": "3",
            "signatories-INITIAL_FORMS": "1",
            "signatories-0-id": str(old.pk),
            "signatories-0-relation": str(relation.pk),
            "signatories-0-name": "Gammal",
            "signatories-0-DELETE": "on",
            "signatories-1-name": "Ny",
            "signatories-1-title": "Kassör",
            "signatories-2-name": "",
            "signatories-2-title": "",
        }
    )
    formset = SignatoryFormSet(data, instance=relation, prefix="signatories")
    assert formset.is_valid(), formset.errors
    assert signatories_from(formset) == [{"id": None, "name": "Ny", "title": "Kassör"}]
    assert Organisation.objects.count() == 2

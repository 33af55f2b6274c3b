import pytest
from django.urls import reverse

from organisations.models import GiroChange, Organisation, Relation
from organisations.services import giro_change_confirm, organisation_update, relation_update
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    SignatoryFactory,
)

from .conftest import form_data

LIST = reverse("organisations:list")
CREATE = reverse("organisations:create")


def _names(response):
    return [o.name for o in response.context["page"]]


@pytest.mark.django_db
def test_list_shows_formatted_number_sector_and_city(administrator_client, mission):
    response = administrator_client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stockholms stadsmission" in html
    assert "802003-1954" in html
    assert "Idéburen organisation" in html
    assert "Ideell förening" in html
    assert "<caption>" in html and 'scope="col"' in html


@pytest.mark.django_db
def test_list_search_by_name(administrator_client, mission):
    OrganisationFactory(name="Convictus")
    response = administrator_client.get(LIST, {"q": "stadsmis"})
    assert _names(response) == ["Stockholms stadsmission"]


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["802003-1954", "8020031954", "16802003-1954", "802003"])
def test_list_search_by_number(administrator_client, mission, term):
    OrganisationFactory(name="Convictus", org_number="8020121581")
    response = administrator_client.get(LIST, {"q": term})
    assert _names(response) == ["Stockholms stadsmission"]


@pytest.mark.django_db
def test_list_filter_by_sector(administrator_client, mission, public_body, other_body):
    response = administrator_client.get(LIST, {"sector": "public"})
    # Both bodies: the register of identities is shared by every body.
    assert _names(response) == [public_body.name, other_body.name]


@pytest.mark.django_db
def test_list_paginates_by_25_and_keeps_the_search(
    administrator_client, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(30, name="Förening")
    with django_assert_max_num_queries(8):
        response = administrator_client.get(LIST, {"q": "Förening"})
    assert len(response.context["page"]) == 25
    assert "q=F%C3%B6rening&amp;page=2" in response.content.decode()
    response = administrator_client.get(LIST, {"q": "Förening", "page": 2})
    assert len(response.context["page"]) == 5


@pytest.mark.django_db
def test_list_query_count_is_bounded_with_30_rows(
    administrator_client, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(30)
    with django_assert_max_num_queries(8):
        response = administrator_client.get(LIST, {"page": 2})
    assert response.status_code == 200


@pytest.mark.django_db
def test_detail_shows_fields_signatories_partnerships_and_history(
    administrator_client, administrator, public_body, other_body, mission
):
    SignatoryFactory(
        relation__body=public_body,
        relation__organisation=mission,
        name="Marika Markovits",
        title="Direktor",
    )
    SignatoryFactory(
        relation__body=other_body, relation__organisation=mission, name="Uppsalas firmatecknare"
    )
    PartnershipFactory(
        public_body=public_body, title="Stöd till EU-medborgare", organisations=[mission]
    )
    PartnershipFactory(
        public_body=other_body, title="Uppsalas partnerskap", organisations=[mission]
    )
    organisation_update(organisation=mission, body=other_body, city="Solna")
    response = administrator_client.get(mission.get_absolute_url())
    html = response.content.decode()
    assert "802003-1954" in html
    assert "Marika Markovits, Direktor" in html
    assert "Uppsalas firmatecknare" not in html  # another body's relation is not shown
    assert "Stöd till EU-medborgare" in html
    assert "Uppsalas partnerskap" not in html  # another body's partnership is not shown
    # The identity is shared: Uppsala's change shows, with Uppsala named, not its user.
    assert "Ort: Stockholm → Solna" in html
    assert "Socialförvaltningen, Uppsala kommun" in html
    assert "Registrerad" in html


@pytest.mark.django_db
def test_detail_history_is_limited_to_20(administrator_client, mission):
    for i in range(25):
        organisation_update(organisation=mission, city=f"Ort {i}")
    response = administrator_client.get(mission.get_absolute_url())
    assert len(response.context["history"]) == 20
    assert "Ort 23 → Ort 24" in response.content.decode()


@pytest.mark.django_db
def test_create_registers_the_identity(administrator_client, administrator):
    response = administrator_client.post(CREATE, form_data(org_number="16802012-1581"))
    organisation = Organisation.objects.get(name="Convictus")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.org_number == "8020121581"
    assert not Relation.objects.exists()
    assert organisation.history.first().history_user == administrator
    page = administrator_client.get(response["Location"]).content.decode()
    assert "Organisationen är registrerad." in page


@pytest.mark.django_db
def test_create_form_is_accessible(administrator_client):
    html = administrator_client.get(CREATE).content.decode()
    assert '<label for="id_org_number">' in html
    assert 'type="date"' in html
    assert "bankgiro" not in html


@pytest.mark.django_db
def test_duplicate_number_is_refused_with_swedish_message_and_nothing_saved(
    administrator_client, mission
):
    response = administrator_client.post(CREATE, form_data(name="Kopia", org_number="802003-1954"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Det finns redan en organisation med detta organisationsnummer." in html
    assert 'value="Kopia"' in html
    assert 'value="802003-1954"' in html
    assert not Organisation.objects.filter(name="Kopia").exists()
    assert Organisation.objects.filter(org_number="8020031954").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("org_number", "802012-1582", "Kontrollsiffran i organisationsnumret är fel."),
        ("sector", "", "Detta fält måste fyllas i."),
    ],
)
def test_each_bad_input_keeps_typed_values(administrator_client, field, value, message):
    response = administrator_client.post(CREATE, form_data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Krukmakargatan 1"' in html
    if value:
        assert f'value="{value}"' in html
    assert not Organisation.objects.filter(name="Convictus").exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("partnered_mission")
def test_edit_shows_formatted_number_and_saves(administrator_client, mission, public_body):
    url = reverse("organisations:update", args=[mission.pk])
    assert 'value="802003-1954"' in administrator_client.get(url).content.decode()
    response = administrator_client.post(
        url, form_data(name="Stockholms stadsmission", org_number="802003-1954", city="Solna")
    )
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.city == "Solna"
    assert mission.org_number == "8020031954"
    assert mission.history.first().history_change_reason == public_body.name


@pytest.mark.django_db
def test_edit_to_duplicate_number_changes_nothing(administrator_client, mission, public_body):
    other = OrganisationFactory(name="Convictus", org_number="8020121581")
    PartnershipFactory(public_body=public_body, organisations=[other])
    url = reverse("organisations:update", args=[other.pk])
    response = administrator_client.post(url, form_data(org_number="802003-1954", city="Solna"))
    assert (
        "Det finns redan en organisation med detta organisationsnummer."
        in response.content.decode()
    )
    other.refresh_from_db()
    assert (other.org_number, other.city) == ("8020121581", "Stockholm")


@pytest.mark.django_db
def test_history_shows_values_as_the_pages_do(administrator_client, mission, public_body):
    organisation_update(organisation=mission, legal_form="foundation", registered_idea_based=True)
    relation_update(body=public_body, organisation=mission, bankgiro="5050-1055")
    giro_change_confirm(
        change=GiroChange.objects.get(), user=MembershipFactory(organisation=public_body).user
    )
    html = administrator_client.get(mission.get_absolute_url()).content.decode()
    assert "Bankgiro: – → 5050-1055" in html
    assert "Organisationsform: Ideell förening → Stiftelse" in html
    assert "Nej → Ja" in html


@pytest.mark.django_db
def test_detail_query_count_is_bounded(
    administrator_client, public_body, mission, django_assert_max_num_queries
):
    SignatoryFactory.create_batch(3, relation__body=public_body, relation__organisation=mission)
    for _ in range(5):
        PartnershipFactory(public_body=public_body, organisations=[mission])
    for i in range(10):
        organisation_update(organisation=mission, city=f"Ort {i}")
        relation_update(body=public_body, organisation=mission, contact_name=f"Kontakt {i}")
    # 17: five more than before for the viewing body's relation, its signatories, its history,
    # a giro change awaiting confirmation and the representatives it invited (per viewing
    # body, not per row), and one for the header's body name and logo (once per page).
    with django_assert_max_num_queries(17):
        response = administrator_client.get(mission.get_absolute_url())
    assert response.status_code == 200

"""The dashboard's "Mine": the deadlines of the partnerships the user is case officer of,
beside "My body's" (everything of the user's bodies). The case officer is one of the body's
staff, chosen on the partnership page by the body's administrator."""

import pytest
from django.urls import reverse

from partnerships import services
from tests.factories import PartnershipFactory

from .conftest import log_in

pytestmark = pytest.mark.django_db


def _titles(page: str, *titles: str) -> set[str]:
    return {title for title in titles if title in page}


@pytest.fixture
def two_partnerships(public_body, official, administrator, eu_partnership):
    services.case_officer_assign(partnership=eu_partnership, officer=official)
    other = PartnershipFactory(
        public_body=public_body, title="Läxhjälp i Rinkeby", organisations=[], active=True
    )
    services.case_officer_assign(partnership=other, officer=administrator)
    return eu_partnership, other


def test_mine_shows_only_the_partnerships_i_answer_for(client, official, two_partnerships):
    mine, theirs = two_partnerships
    log_in(client, official)
    url = reverse("governance:dashboard")
    everything = client.get(url).content.decode()
    assert _titles(everything, mine.title, theirs.title) == {mine.title, theirs.title}
    assert '<option value="body" selected>' in everything

    page = client.get(url, {"scope": "mine"}).content.decode()
    assert _titles(page, mine.title, theirs.title) == {mine.title}
    assert '<option value="mine" selected>' in page
    # The grouping links keep "Mine" when narrowing further.
    assert f"?scope=mine&amp;partnership={mine.pk}" in page


def test_representatives_are_not_offered_mine(client, representative, eu_partnership):
    log_in(client, representative)
    page = client.get(reverse("governance:dashboard")).content.decode()
    assert 'name="scope"' not in page


def test_the_registering_administrator_answers_for_a_new_partnership(
    administrator_client, administrator, public_body
):
    response = administrator_client.post(
        reverse("partnerships:create"),
        {
            "title": "Nattkafé",
            "registry_number": "1.2-3/2026",
            "start_date": "2027-01-01",
            "end_date": "2028-12-31",
            "public_body": public_body.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = administrator_client.get(response["Location"]).content.decode()
    assert administrator.get_full_name() in page


def test_the_administrator_hands_a_partnership_to_an_official(
    administrator_client, official, eu_partnership
):
    url = reverse("partnerships:case_officer", args=[eu_partnership.pk])
    form = administrator_client.get(url).content.decode()
    assert official.get_full_name() in form
    response = administrator_client.post(url, {"case_officer": official.pk})
    assert response.status_code == 302
    eu_partnership.refresh_from_db()
    assert eu_partnership.case_officer == official
    # And to no one.
    administrator_client.post(url, {"case_officer": ""})
    eu_partnership.refresh_from_db()
    assert eu_partnership.case_officer is None


def test_another_bodys_staff_cannot_be_case_officer(
    administrator_client, other_official, eu_partnership
):
    url = reverse("partnerships:case_officer", args=[eu_partnership.pk])
    response = administrator_client.post(url, {"case_officer": other_official.pk})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    with pytest.raises(services.ValidationError):
        services.case_officer_assign(partnership=eu_partnership, officer=other_official)
    eu_partnership.refresh_from_db()
    assert eu_partnership.case_officer is None


def test_only_the_bodys_administrator_chooses(
    client, official, other_administrator, eu_partnership
):
    url = reverse("partnerships:case_officer", args=[eu_partnership.pk])
    log_in(client, official)
    assert client.post(url, {"case_officer": official.pk}).status_code == 403
    log_in(client, other_administrator)
    assert client.get(url).status_code == 404

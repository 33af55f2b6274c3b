"""No lost updates (issue 12, point 7) on the organisation's identity and a body's relation:
two people open the form, both save; the second is refused, keeps what they typed and lists
what changed meanwhile. The services refuse it too, for every caller that passes a version."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisations import services
from organisations.models import Organisation, relation_for
from tests.edit_conflicts import (
    STALE,
    assert_refused,
    both_save,
    client_for,
    form_values,
    second_administrator_of,
)
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission(public_body):
    from tests.factories import OrganisationFactory

    mission = OrganisationFactory(
        name="Stockholms stadsmission", org_number="8020031954", city="Stockholm"
    )
    PartnershipFactory(public_body=public_body, organisations=[mission], title="Utkast")
    return mission


def test_the_second_identity_save_is_refused_and_keeps_its_input(
    administrator, public_body, mission
):
    url = reverse("organisations:update", args=[mission.pk])
    first, second = client_for(administrator), client_for(second_administrator_of(public_body))
    response = both_save(first, second, url, {"city": "Solna"}, {"postal_code": "111 22"})
    assert_refused(response, changes=["Ort: Stockholm → Solna"], kept=['value="111 22"'])
    mission.refresh_from_db()
    assert (mission.city, mission.postal_code) == ("Solna", Organisation().postal_code)
    # Saving again from the refused page is a knowing choice: it keeps the second's input.
    again = second.post(url, form_values(response))
    assert again.status_code == 302
    mission.refresh_from_db()
    assert (mission.city, mission.postal_code) == ("Stockholm", "111 22")


def test_the_service_refuses_a_stale_version(mission):
    version = services.ORGANISATION_VERSION.version(mission)
    services.organisation_update(organisation=mission, name="Stadsmissionen", version=version)
    with pytest.raises(ValidationError) as refused:
        services.organisation_update(organisation=mission, city="Solna", version=version)
    text = " ".join(refused.value.messages)
    assert STALE in text and "Namn: Stockholms stadsmission → Stadsmissionen" in text
    assert Organisation.objects.get(pk=mission.pk).city == "Stockholm"


def test_a_forged_version_is_refused(mission):
    with pytest.raises(ValidationError) as refused:
        services.organisation_update(organisation=mission, city="Solna", version="forged")
    assert "ladda om sidan" in " ".join(refused.value.messages)


def test_the_second_relation_save_is_refused_with_the_signatories_changed(
    administrator, public_body, mission
):
    services.relation_update(body=public_body, organisation=mission, contact_name="Kim")
    url = reverse("organisations:relation_update", args=[mission.pk, public_body.pk])
    first, second = client_for(administrator), client_for(second_administrator_of(public_body))
    response = both_save(
        first,
        second,
        url,
        {"contact_email": "kim@example.org", "signatories-0-name": "Anna Andersson"},
        {"contact_phone": "08-123 45 67"},
    )
    assert_refused(
        response,
        changes=["e-post: – → kim@example.org", ", rad 1: tillagd (Anna Andersson"],
        kept=['value="08-123 45 67"'],
    )
    relation = relation_for(public_body, mission)
    assert relation.contact_phone == "" and relation.contact_email == "kim@example.org"


def test_a_relation_made_meanwhile_refuses_the_first_save_that_did_not_see_it(public_body, mission):
    version = services.RELATION_VERSION.version(relation_for(public_body, mission))
    services.relation_update(body=public_body, organisation=mission, contact_name="Kim")
    with pytest.raises(ValidationError) as refused:
        services.relation_update(
            body=public_body, organisation=mission, contact_name="Lo", version=version
        )
    assert "Kim" in " ".join(refused.value.messages)
    assert relation_for(public_body, mission).contact_name == "Kim"

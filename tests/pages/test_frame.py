"""The public-sector frame: help for each role, contact, the accessibility statement, the footer."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, PartnershipFactory, PartyFactory, RelationFactory

pytestmark = pytest.mark.django_db


def test_the_frame_pages_are_public_and_linked_from_every_footer(client):
    page = client.get(reverse("login")).content.decode()
    for name in ("pages:help", "pages:contact", "pages:accessibility"):
        assert f'href="{reverse(name)}"' in page
        assert client.get(reverse(name)).status_code == 200


def test_the_accessibility_statement_has_the_parts_the_law_asks_for(client):
    page = client.get(reverse("pages:accessibility")).content.decode()
    for heading in (
        "Tillgänglighetsredogörelse",
        "Hur tillgänglig är tjänsten?",
        "Vad kan du göra om du inte kan använda delar av tjänsten?",
        "Rapportera brister i tjänstens tillgänglighet",
        "Tillsyn",
        "Myndigheten för digital förvaltning (DIGG)",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat tjänsten",
    ):
        assert heading in page
    assert "WCAG 2.1" in page


@pytest.mark.parametrize("role", ["administrator", "official", "representative"])
def test_each_role_has_a_help_page(client, role):
    response = client.get(reverse("pages:help_role", args=[role]))
    assert response.status_code == 200
    assert "Hjälp för" in response.content.decode()


def test_an_unknown_role_has_no_help_page(client):
    assert client.get(reverse("pages:help_role", args=["janitor"])).status_code == 404


def test_the_help_index_marks_the_users_own_role(client, representative):
    client.force_login(representative)
    page = client.get(reverse("pages:help")).content.decode()
    assert page.count("din roll") == 1


def test_a_representative_sees_the_contacts_of_their_partners_only(
    client, representative, organisation, public_body, other_body
):
    # A body's own contact details are its relation with itself.
    RelationFactory(
        body=public_body, organisation=public_body, contact_email="iop@stockholm.example"
    )
    RelationFactory(body=other_body, organisation=other_body, contact_email="iop@uppsala.example")
    partnership = PartnershipFactory(public_body=public_body)
    PartyFactory(partnership=partnership, organisation=organisation)
    client.force_login(representative)
    page = client.get(reverse("pages:contact")).content.decode()
    assert "iop@stockholm.example" in page
    assert "iop@uppsala.example" not in page
    assert "Uppsala" not in page


def test_staff_see_their_own_body_in_contact(client, official, public_body, other_body):
    client.force_login(official)
    page = client.get(reverse("pages:contact")).content.decode()
    assert public_body.name in page
    assert other_body.name not in page


def test_anonymous_visitors_see_no_body(client, public_body):
    OrganisationFactory(public=True, name="Kommunen som ingen ska se")
    page = client.get(reverse("pages:contact")).content.decode()
    assert public_body.name not in page
    assert "Logga in" in page

"""The admin's change forms carry a version too (issue 12, point 7): the organisation and the
partnership, the two models the admin writes through their services. Two superusers open the
same record; the second save is refused at the top of the form with what changed, writes
nothing and keeps what was typed; saving again is then a knowing choice."""

from html import unescape

import pytest
from django.urls import reverse

from tests.edit_conflicts import STALE, client_for, form_values
from tests.factories import OrganisationFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_superusers():
    return [
        client_for(UserFactory(username=name, is_superuser=True, is_staff=True))
        for name in ("root-a", "root-b")
    ]


def _both_save(two_superusers, url, change_a, change_b):
    first, second = two_superusers
    seen_by_b = form_values(second.get(url))
    seen_by_a = form_values(first.get(url))
    response = first.post(url, {**seen_by_a, **change_a})
    assert response.status_code == 302, response.context["adminform"].form.errors
    return second, second.post(url, {**seen_by_b, **change_b})


def test_the_organisation_admin_refuses_a_save_over_a_newer_one(two_superusers):
    organisation = OrganisationFactory(name="Stadsmissionen", city="Stockholm")
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    second, response = _both_save(
        two_superusers, url, {"name": "Stockholms stadsmission"}, {"city": "Solna"}
    )
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert STALE in page
    assert "Stadsmissionen → Stockholms stadsmission" in page
    assert 'value="Solna"' in page  # what B typed is still in the form
    organisation.refresh_from_db()
    assert (organisation.name, organisation.city) == ("Stockholms stadsmission", "Stockholm")

    # The refused form now carries the current version: saving again keeps B's values.
    again = second.post(url, form_values(response))
    assert again.status_code == 302
    organisation.refresh_from_db()
    assert organisation.city == "Solna"


def test_the_partnership_admin_refuses_a_save_over_a_newer_one(two_superusers, public_body):
    partnership = PartnershipFactory(public_body=public_body, title="Stöd i Stockholm")
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    _second, response = _both_save(
        two_superusers, url, {"title": "Stöd till utsatta"}, {"purpose": "Ett annat syfte"}
    )
    page = unescape(response.content.decode())
    assert response.status_code == 200
    assert STALE in page and "Stöd i Stockholm → Stöd till utsatta" in page
    assert "Ett annat syfte" in page
    partnership.refresh_from_db()
    assert partnership.title == "Stöd till utsatta"
    assert partnership.purpose != "Ett annat syfte"


def test_adding_in_the_admin_needs_no_version(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:organisations_organisation_add")).content.decode()
    assert 'name="version"' not in page

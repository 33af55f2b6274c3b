"""Representatives speak for an organisation towards the bodies that invited them (issue
9.3): the organisation page lists, for the viewing body, its representatives, who invited each
and when; that body's administrators revoke them (confirmed)."""

import pytest
from django.urls import reverse

from organisations.constants import Role
from organisations.models import Membership
from partnerships.models import Partnership
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory

from .conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def both(public_body, other_body, mission, administrator, other_administrator):
    """Stadsmissionen partners with Stockholm and Uppsala; each body invited its own
    representative."""
    PartnershipFactory(public_body=public_body, organisations=[mission], title="Stockholms")
    PartnershipFactory(public_body=other_body, organisations=[mission], title="Uppsalas")
    ours = MembershipFactory(
        user=UserFactory(first_name="Stina", last_name="Stockholmsombud"),
        organisation=mission,
        role=Role.REPRESENTATIVE,
        body=public_body,
        invited_by=administrator,
    )
    theirs = MembershipFactory(
        user=UserFactory(first_name="Ulf", last_name="Uppsalaombud"),
        organisation=mission,
        role=Role.REPRESENTATIVE,
        body=other_body,
        invited_by=other_administrator,
    )
    return ours, theirs


def _revoke(organisation, membership):
    return reverse("organisations:representative_revoke", args=[organisation.pk, membership.pk])


def test_page_lists_the_viewing_bodys_representatives_and_who_invited_them(
    client, administrator, both, mission
):
    ours, theirs = both
    html = log_in(client, administrator).get(mission.get_absolute_url()).content.decode()
    assert "Stina Stockholmsombud" in html
    assert administrator.get_full_name() in html
    assert "Ulf Uppsalaombud" not in html
    assert _revoke(mission, ours) in html and _revoke(mission, theirs) not in html


def test_a_representative_sees_only_the_inviting_bodys_partnerships(client, both):
    ours, _theirs = both
    titles = set(Partnership.objects.visible_to(ours.user).values_list("title", flat=True))
    assert titles == {"Stockholms"}


def test_administrator_revokes_after_confirming(client, administrator, both, mission):
    ours, theirs = both
    log_in(client, administrator)
    page = client.get(_revoke(mission, ours))
    assert page.status_code == 200 and "Stina Stockholmsombud" in page.content.decode()
    # Without the confirmation nothing happens.
    assert client.post(_revoke(mission, ours)).status_code == 200
    assert Membership.objects.filter(pk=ours.pk).exists()
    response = client.post(_revoke(mission, ours), {"confirm": "yes"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=ours.pk).exists()
    assert Membership.objects.filter(pk=theirs.pk).exists()
    assert not Partnership.objects.visible_to(ours.user).exists()


def test_another_bodys_representative_is_a_404_and_an_official_may_not_revoke(
    client, administrator, official, both, mission
):
    ours, theirs = both
    log_in(client, administrator)
    assert client.get(_revoke(mission, theirs)).status_code == 404
    assert client.post(_revoke(mission, theirs), {"confirm": "yes"}).status_code == 404
    log_in(client, official)
    assert client.post(_revoke(mission, ours), {"confirm": "yes"}).status_code == 403
    assert Membership.objects.filter(pk__in=[ours.pk, theirs.pk]).count() == 2

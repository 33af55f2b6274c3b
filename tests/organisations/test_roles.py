"""The questions every permissions.py asks, answered for two bodies and two organisations."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from finance.models import Payment
from organisations.constants import Role
from organisations.roles import roles_for
from partnerships.models import Partnership
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(public_body, other_body, organisation):
    """Bris partners with both bodies; Stockholm invited Bris's representative."""
    stockholm = PartnershipFactory(public_body=public_body, organisations=[organisation])
    uppsala = PartnershipFactory(public_body=other_body, organisations=[organisation])
    return stockholm, uppsala


def test_administers_and_works_for_their_own_body_only(
    administrator, official, other_administrator, public_body, other_body, superuser
):
    assert roles_for(administrator).administers(public_body)
    assert roles_for(administrator).works_for(public_body.pk)
    assert not roles_for(administrator).administers(other_body)
    assert not roles_for(administrator).works_for(other_body)
    assert roles_for(official).works_for(public_body)
    assert not roles_for(official).administers(public_body)
    assert roles_for(other_administrator).administers(other_body)
    assert roles_for(superuser).administers(other_body)


def test_a_representative_represents_towards_the_inviting_body_only(
    representative, organisation, public_body, other_body
):
    roles = roles_for(representative)
    assert roles.represents(organisation, public_body)
    assert not roles.represents(organisation, other_body)
    assert not roles.works_for(public_body)
    assert roles.represented_towards(public_body) == {organisation.pk}
    assert roles.represented_towards(other_body) == frozenset()


def test_partners_with_counts_drafts_and_only_the_bodys_own_partnerships(
    administrator, public_body, other_body, organisation
):
    roles = roles_for(administrator)
    assert not roles.partners_with(public_body, organisation)
    PartnershipFactory(public_body=other_body, organisations=[organisation])
    assert not roles.partners_with(public_body, organisation)
    PartnershipFactory(public_body=public_body, organisations=[organisation])  # a draft
    assert roles.partners_with(public_body, organisation)


def test_representative_sees_only_the_inviting_bodys_partnerships(client, world, representative):
    stockholm, uppsala = world
    assert list(Partnership.objects.visible_to(representative)) == [stockholm]
    client.force_login(representative)
    assert client.get(reverse("partnerships:detail", args=[stockholm.pk])).status_code == 200
    assert client.get(reverse("partnerships:detail", args=[uppsala.pk])).status_code == 404
    assert client.get(reverse("finance:partnership", args=[uppsala.pk])).status_code == 404
    assert client.get(reverse("reporting:overview", args=[uppsala.pk])).status_code == 404


def test_a_second_invitation_by_the_other_body_opens_its_partnerships(
    world, representative, organisation, other_body
):
    stockholm, uppsala = world
    MembershipFactory(
        user=representative, organisation=organisation, role=Role.REPRESENTATIVE, body=other_body
    )
    assert set(Partnership.objects.visible_to(representative)) == {stockholm, uppsala}


def test_payments_of_the_other_body_stay_hidden(world, representative, organisation):
    assert not Payment.objects.visible_to(representative).exclude(partnership=world[0]).exists()


def test_national_administrator_is_the_superuser_or_holds_the_permission(superuser, db):
    assert roles_for(superuser).is_national_administrator
    user = UserFactory()
    assert not roles_for(user).is_national_administrator
    user.user_permissions.add(Permission.objects.get(codename="register_public_body"))
    fresh = type(user).objects.get(pk=user.pk)
    roles = roles_for(fresh)
    assert roles.is_national_administrator
    # Registering bodies opens nobody's records.
    assert not roles.is_staff_member
    PartnershipFactory(public_body=OrganisationFactory(public=True))
    assert not Partnership.objects.visible_to(fresh).exists()


def test_roles_are_read_in_one_query(django_assert_num_queries, representative, administrator):
    for user in (representative, administrator):
        fresh = type(user).objects.get(pk=user.pk)
        with django_assert_num_queries(1):
            roles_for(fresh)
            roles_for(fresh).represents(1, 2)
            roles_for(fresh).works_for(1)

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisations.constants import Role
from organisations.models import Membership
from portal import services
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def invite(client, administrator, organisation, email="anna@bris.example"):
    client.force_login(administrator)
    return client.post(
        reverse("portal:invite"),
        {"organisation": organisation.pk, "email": email, "first_name": "Anna"},
    )


@pytest.mark.usefixtures("partnership")
def test_invitation_creates_user_membership_and_link(client, administrator, organisation):
    response = invite(client, administrator, organisation)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="anna@bris.example")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.REPRESENTATIVE
    assert Membership.objects.get(user=user).body == administrator.memberships.get().organisation
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Inbjudan till IOP-registret för Bris"
    link = re.search(r"http://testserver(/portal/set-password/\S+)", mail.outbox[0].body).group(1)

    client.logout()
    response = client.get(link, follow=True)
    assert "Välj lösenord" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Sommar-i-Stockholm-2017", "new_password2": "Sommar-i-Stockholm-2017"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Sommar-i-Stockholm-2017")
    # The link works once.
    assert "Länken gäller inte längre" in client.get(link, follow=True).content.decode()


@pytest.mark.usefixtures("partnership")
def test_an_existing_account_is_not_attached_until_its_owner_accepts_by_the_link(
    client, administrator, organisation, representative, other_organisation, other_administrator
):
    invite(client, administrator, other_organisation, email=representative.email.upper())
    # Nothing attached yet: the invitation waits for its owner.
    assert set(representative.memberships.values_list("organisation__name", flat=True)) == {"Bris"}
    assert "Du har redan ett konto" in mail.outbox[0].body
    link = re.search(r"http://testserver(/portal/invitations/\S+/)", mail.outbox[0].body).group(1)
    # Anyone else, even logged in, gets a 404 and changes nothing; the administrator cannot
    # accept on the person's behalf.
    for other in (administrator, other_administrator):
        client.force_login(other)
        assert client.get(link).status_code == 404
        assert client.post(link).status_code == 404
    assert not Membership.objects.filter(organisation=other_organisation).exists()
    client.logout()
    assert client.get(link)["Location"].startswith(reverse("login"))

    client.force_login(representative)
    page = client.get(link)
    assert page.status_code == 200
    assert "Rädda Barnen" in page.content.decode()
    assert client.post(link).status_code == 302
    membership = representative.memberships.get(organisation=other_organisation)
    assert (membership.body, membership.invited_by) == (
        administrator.memberships.get().organisation,
        administrator,
    )
    # The link works once.
    assert client.get(link).status_code == 404


@pytest.mark.usefixtures("partnership")
def test_bad_email_is_refused_next_to_the_field(client, administrator, organisation):
    response = invite(client, administrator, organisation, email="inte en adress")
    assert "Ange en giltig e-postadress." in response.content.decode()
    assert not mail.outbox


@pytest.mark.usefixtures("partnership")
def test_only_administrators_invite(
    client, official, representative, organisation, public_body, other_administrator
):
    for user in (official, representative):
        client.force_login(user)
        assert client.get(reverse("portal:invite")).status_code == 403
    # Not an official, and not the administrator of another body.
    for user in (official, other_administrator):
        with pytest.raises(ValidationError):
            services.invitation_send(
                organisation=organisation,
                body=public_body,
                email="x@example.org",
                invited_by=user,
                base_url="/",
            )
    assert not Membership.objects.filter(user__email="x@example.org").exists()


def test_public_body_cannot_get_a_representative(administrator, public_body):
    with pytest.raises(ValidationError):
        services.invitation_send(
            organisation=public_body,
            body=public_body,
            email="x@example.org",
            invited_by=administrator,
            base_url="/",
        )


def test_an_organisation_the_body_does_not_partner_with_is_refused_next_to_the_field(
    client, administrator, organisation, other_body
):
    # Bris partners with Uppsala only: Stockholm's administrator cannot invite for it.
    PartnershipFactory(public_body=other_body, organisations=[organisation])
    response = invite(client, administrator, organisation)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["organisation"] == [
        "Välj en av de organisationer som ni har partnerskap med."
    ]
    # Nothing of Uppsala's partners in the choices, and nothing saved or sent.
    assert organisation.name not in response.content.decode()
    assert not get_user_model().objects.filter(email="anna@bris.example").exists()
    assert not mail.outbox
    with pytest.raises(ValidationError) as refused:
        services.invitation_send(
            organisation=organisation,
            body=administrator.memberships.get().organisation,
            email="anna@bris.example",
            invited_by=administrator,
            base_url="/",
        )
    assert "organisation" in refused.value.message_dict


def test_a_draft_partnership_is_enough_and_choices_are_the_bodys_partners(
    client, administrator, organisation, public_body, other_body
):
    other_partner = OrganisationFactory(name="Uppsalas förening")
    PartnershipFactory(public_body=other_body, organisations=[other_partner])
    PartnershipFactory(public_body=public_body, organisations=[organisation])  # a draft
    client.force_login(administrator)
    form = client.get(reverse("portal:invite")).context["form"]
    assert list(form.fields["organisation"].queryset) == [organisation]
    assert invite(client, administrator, organisation).status_code == 302

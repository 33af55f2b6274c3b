import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisations.constants import Role
from organisations.models import Membership
from portal import services

pytestmark = pytest.mark.django_db


def invite(client, administrator, organisation, email="anna@bris.example"):
    client.force_login(administrator)
    return client.post(
        reverse("portal:invite"),
        {"organisation": organisation.pk, "email": email, "first_name": "Anna"},
    )


def test_invitation_creates_user_membership_and_link(client, administrator, organisation):
    response = invite(client, administrator, organisation)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="anna@bris.example")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.REPRESENTATIVE
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


def test_existing_user_joins_a_second_organisation(
    client, administrator, organisation, representative, other_organisation
):
    invite(client, administrator, other_organisation, email=representative.email.upper())
    assert set(representative.memberships.values_list("organisation__name", flat=True)) == {
        "Bris",
        "Rädda Barnen",
    }
    assert "Du har redan ett konto" in mail.outbox[0].body


def test_bad_email_is_refused_next_to_the_field(client, administrator, organisation):
    response = invite(client, administrator, organisation, email="inte en adress")
    assert "Ange en giltig e-postadress." in response.content.decode()
    assert not mail.outbox


def test_only_administrators_invite(client, official, representative, organisation):
    for user in (official, representative):
        client.force_login(user)
        assert client.get(reverse("portal:invite")).status_code == 403
    with pytest.raises(ValidationError):
        services.invitation_send(
            organisation=organisation, email="x@example.org", invited_by=official, base_url="/"
        )


def test_public_body_cannot_get_a_representative(administrator, public_body):
    with pytest.raises(ValidationError):
        services.invitation_send(
            organisation=public_body, email="x@example.org", invited_by=administrator, base_url="/"
        )

"""A new body starts without /admin/: the national administrator registers it (page or
manage.py add_public_body) and appoints its first administrator by e-mail; the body's
administrators then manage their own staff. Always beside a second body."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from bodies import onboarding
from organisations.constants import Role, Sector
from organisations.models import Membership, Organisation
from tests.factories import PASSWORD, MembershipFactory, UserFactory

from .conftest import staff

pytestmark = pytest.mark.django_db

NEW_BODY = {
    "name": "Region Gotland",
    "org_number": "212000-2593",
    "legal_form": "region",
    "city": "Visby",
    "admin_email": "Anna.Admin@gotland.example",
}


@pytest.fixture
def superuser(db):
    user = UserFactory(username="root", is_superuser=True, is_staff=True)
    user.save()
    return user


@pytest.fixture
def national(db):
    """A national administrator who is not the superuser: the permission alone."""
    user = UserFactory(username="nationell")
    user.user_permissions.add(Permission.objects.get(codename="register_public_body"))
    user.save()
    return user


def _link(message) -> str:
    return re.search(r"https?://\S+/bodies/set-password/\S+/", message.body).group(0)


# --- registering a body -------------------------------------------------------------------


def test_only_the_national_administrator_registers_bodies(
    client, stockholm, stockholm_admin, uppsala_admin
):
    url = reverse("bodies:register")
    assert client.get(url).status_code == 302
    for user in (stockholm_admin, staff(stockholm, Role.OFFICIAL)):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, NEW_BODY).status_code == 403
    assert not Organisation.objects.filter(name="Region Gotland").exists()
    with pytest.raises(Exception, match="nationella administratören"):
        onboarding.public_body_register(registered_by=stockholm_admin, base_url="", **NEW_BODY)


@pytest.mark.parametrize("who", ["superuser", "national"])
def test_register_a_body_and_its_first_administrator_starts_it(
    client, who, request, stockholm, uppsala, django_capture_on_commit_callbacks
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("bodies:list")).status_code == 200
    # The e-mail goes once the body and its administrator are committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("bodies:register"), NEW_BODY)
    assert response.status_code == 302
    body = Organisation.objects.get(org_number="2120002593")
    assert (body.sector, body.legal_form, body.city) == (Sector.PUBLIC, "region", "Visby")
    admin = Membership.objects.get(organisation=body)
    assert admin.role == Role.ADMINISTRATOR and admin.user.email == "anna.admin@gotland.example"
    assert not admin.user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["anna.admin@gotland.example"]
    assert "administratör för Region Gotland" in message.subject
    assert "Välj ditt lösenord" in message.body

    # The link sets a password once; then the new administrator signs in and starts.
    client.logout()
    link = _link(message)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.request["PATH_INFO"],
        {"new_password1": "Gotland-ett-bra-lösen-7", "new_password2": "Gotland-ett-bra-lösen-7"},
    )
    assert response.status_code == 302
    assert client.get(link, follow=True).content.decode().count("inte längre giltig") == 1
    assert client.login(username="anna.admin@gotland.example", password="Gotland-ett-bra-lösen-7")
    assert client.get(reverse("bodies:staff", args=[body.pk])).status_code == 200
    assert client.get(reverse("bodies:settings", args=[body.pk])).status_code == 200
    # …and only there: Stockholm's and Uppsala's pages are a 404 for Gotland's administrator.
    for other in (stockholm, uppsala):
        assert client.get(reverse("bodies:staff", args=[other.pk])).status_code == 404
    page = client.get(reverse("bodies:list")).content.decode()
    assert "Region Gotland" in page and "Uppsala" not in page


def test_bad_input_keeps_what_was_typed_and_creates_nothing(client, superuser, stockholm):
    client.force_login(superuser)
    users = get_user_model().objects.count()
    taken = {**NEW_BODY, "org_number": stockholm.org_number}
    response = client.post(reverse("bodies:register"), taken)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Det finns redan en organisation med detta organisationsnummer." in page
    assert 'value="Region Gotland"' in page and 'value="Anna.Admin@gotland.example"' in page
    response = client.post(reverse("bodies:register"), {**NEW_BODY, "admin_email": "fel@"})
    assert "Fyll i en giltig e-postadress." in response.content.decode()
    assert get_user_model().objects.count() == users
    assert not Organisation.objects.filter(name="Region Gotland").exists()
    assert not mail.outbox


def test_the_command_does_the_same(stockholm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "add_public_body",
            "--name=Region Gotland",
            "--organisation-number=212000-2593",
            "--admin-email=anna@gotland.example",
            "--legal-form=region",
            "--base-url=https://iop.example.se",
        )
    body = Organisation.objects.get(org_number="2120002593")
    assert body.memberships.get().role == Role.ADMINISTRATOR
    assert _link(mail.outbox[0]).startswith("https://iop.example.se/bodies/set-password/")
    with pytest.raises(CommandError, match="organisationsnummer"):
        call_command(
            "add_public_body",
            "--name=Dubblett",
            f"--organisation-number={stockholm.org_number}",
            "--admin-email=ny@example.se",
            "--base-url=https://iop.example.se",
        )
    assert not Organisation.objects.filter(name="Dubblett").exists()


def test_a_body_admin_cannot_register_a_public_body_through_the_organisation_form(
    client, stockholm_admin
):
    client.force_login(stockholm_admin)
    page = client.get(reverse("organisations:create")).content.decode()
    assert 'value="public"' not in page


# --- the body's staff ---------------------------------------------------------------------


def test_administrators_invite_change_and_remove_their_staff(
    client, stockholm, uppsala, stockholm_admin, uppsala_admin, django_capture_on_commit_callbacks
):
    client.force_login(stockholm_admin)
    url = reverse("bodies:staff", args=[stockholm.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"email": "ny.handlaggare@stockholm.example", "role": "official"}
        )
    assert response.status_code == 302
    official = Membership.objects.get(user__email="ny.handlaggare@stockholm.example")
    assert (official.organisation, official.role, official.invited_by) == (
        stockholm,
        Role.OFFICIAL,
        stockholm_admin,
    )
    assert "handläggare för Stockholms stad" in mail.outbox[0].subject
    # Twice is refused next to the field.
    response = client.post(url, {"email": "ny.handlaggare@stockholm.example", "role": "official"})
    assert "Personen arbetar redan för aktören." in response.content.decode()

    change = reverse("bodies:staff_change", args=[stockholm.pk, official.pk])
    assert client.post(change, {"role": "administrator"}).status_code == 302
    official.refresh_from_db()
    assert official.role == Role.ADMINISTRATOR
    remove = reverse("bodies:staff_remove", args=[stockholm.pk, official.pk])
    assert "kommer inte längre att vara administratör" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not Membership.objects.filter(pk=official.pk).exists()
    # Uppsala's staff is untouched and out of reach.
    other = Membership.objects.get(user=uppsala_admin)
    for target in (
        reverse("bodies:staff", args=[uppsala.pk]),
        reverse("bodies:staff_change", args=[uppsala.pk, other.pk]),
        reverse("bodies:staff_change", args=[stockholm.pk, other.pk]),
        reverse("bodies:staff_remove", args=[stockholm.pk, other.pk]),
    ):
        assert client.get(target).status_code == 404
        assert client.post(target, {"role": "official", "email": "x@example.se"}).status_code == 404
    other.refresh_from_db()
    assert other.role == Role.ADMINISTRATOR


def test_an_official_does_not_manage_the_staff(client, stockholm):
    official = staff(stockholm, Role.OFFICIAL)
    client.force_login(official)
    url = reverse("bodies:staff", args=[stockholm.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": "ny@example.se", "role": "administrator"}).status_code == 404
    assert not Membership.objects.filter(user__email="ny@example.se").exists()
    assert client.get(reverse("bodies:list")).status_code == 403


def test_the_last_administrator_stays(client, stockholm, stockholm_admin, uppsala_admin):
    client.force_login(stockholm_admin)
    own = Membership.objects.get(user=stockholm_admin)
    response = client.post(reverse("bodies:staff_remove", args=[stockholm.pk, own.pk]))
    assert response.status_code == 400
    message = "Aktören måste ha minst en administratör"
    assert message in response.content.decode()
    response = client.post(
        reverse("bodies:staff_change", args=[stockholm.pk, own.pk]), {"role": "official"}
    )
    assert response.status_code == 400 and message in response.content.decode()
    own.refresh_from_db()
    assert own.role == Role.ADMINISTRATOR
    # With a second administrator, the first may step down (and then reaches the page no more).
    MembershipFactory(organisation=stockholm, role=Role.ADMINISTRATOR)
    response = client.post(
        reverse("bodies:staff_change", args=[stockholm.pk, own.pk]), {"role": "official"}
    )
    assert response.status_code == 302
    assert client.get(reverse("bodies:staff", args=[stockholm.pk])).status_code == 404


def test_an_existing_account_is_told_to_sign_in(
    client, stockholm, stockholm_admin, uppsala_admin, django_capture_on_commit_callbacks
):
    # Uppsala's administrator also becomes an official of Stockholm: the account is reused.
    client.force_login(stockholm_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("bodies:staff", args=[stockholm.pk]),
            {"email": uppsala_admin.email.upper(), "role": "official"},
        )
    assert Membership.objects.filter(user=uppsala_admin, organisation=stockholm).exists()
    assert "Logga in som vanligt" in mail.outbox[0].body
    assert "set-password" not in mail.outbox[0].body
    assert uppsala_admin.check_password(PASSWORD)


def test_the_staff_list_is_paged(client, stockholm, stockholm_admin, django_assert_max_num_queries):
    for _ in range(30):
        MembershipFactory(organisation=stockholm, role=Role.OFFICIAL)
    client.force_login(stockholm_admin)
    url = reverse("bodies:staff", args=[stockholm.pk])
    with django_assert_max_num_queries(12):
        first = client.get(url).content.decode()
    assert first.count("Ändra roll eller ta bort") == 25
    second = client.get(url + "?page=2").content.decode()
    assert second.count("Ändra roll eller ta bort") == 6

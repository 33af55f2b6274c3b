"""Lockout after repeated wrong passwords (django-axes), the sign-in log, and the body
administrator's page of their staff's sign-in."""

import pytest
from django.urls import reverse

from accounts.constants import SignInEventKind
from accounts.models import SignInEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def _try(client, username, password="fel-lösenord", address="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _kinds(user):
    return list(
        SignInEvent.objects.filter(user=user).order_by("at", "pk").values_list("kind", flat=True)
    )


def test_five_wrong_passwords_lock_the_account_and_the_page_says_for_how_long(client, official):
    for _ in range(4):
        response = _try(client, official.username)
        assert response.status_code == 200
        assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()

    response = _try(client, official.username)

    content = response.content.decode()
    assert response.status_code == 429
    assert "För många misslyckade försök" in content
    assert "Försök igen om 15 minuter" in content
    assert f'value="{official.username}"' in content
    # The right password does not help while the lockout lasts.
    response = _try(client, official.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_for_the_account_from_another_address(client, official):
    for _ in range(5):
        _try(client, official.username)

    response = _try(client, official.username, PASSWORD, address="10.1.2.3")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_source_is_locked_for_every_account_tried_from_it(client, official, administrator):
    for number in range(5):
        _try(client, f"gissat-namn-{number}")

    response = _try(client, administrator.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    # From another address the same person signs in.
    response = _try(client, administrator.username, PASSWORD, address="10.1.2.3")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(administrator.pk)


def test_every_sign_in_failure_lockout_and_sign_out_is_logged_with_where_from(client, official):
    _try(client, official.username, address="10.0.0.7")
    _try(client, official.username, PASSWORD, address="10.0.0.7")
    client.post(reverse("logout"), REMOTE_ADDR="10.0.0.7")
    for _ in range(5):
        _try(client, official.username, address="10.0.0.8")
    _try(client, official.username, PASSWORD, address="10.0.0.8")

    assert _kinds(official) == [
        SignInEventKind.FAILED,
        SignInEventKind.SIGNED_IN,
        SignInEventKind.SIGNED_OUT,
        *[SignInEventKind.FAILED] * 5,
        SignInEventKind.LOCKED_OUT,
        # Refused without the password being checked: a lockout, not a wrong password.
        SignInEventKind.LOCKED_OUT,
    ]
    events = SignInEvent.objects.filter(user=official)
    assert set(events.values_list("ip_address", flat=True)) == {"10.0.0.7", "10.0.0.8"}
    assert all(event.at for event in events)


def test_a_failure_for_an_unknown_name_is_logged_with_the_name_given(client):
    _try(client, "finns-inte")

    event = SignInEvent.objects.get()
    assert (event.user, event.username, event.kind) == (None, "finns-inte", "failed")


def test_the_administrator_reads_their_staffs_log_and_unlocks_them(
    client, administrator, official, other_official
):
    for _ in range(5):
        _try(client, official.username)
    client.force_login(administrator)

    listing = client.get(reverse("accounts:staff_list")).content.decode()
    assert official.username in listing
    assert "Spärrat" in listing
    assert other_official.username not in listing

    page = client.get(reverse("accounts:staff_detail", args=[official.pk])).content.decode()
    assert "Kontot är spärrat" in page
    assert "Fel lösenord" in page
    assert "127.0.0.1" in page

    response = client.post(reverse("accounts:staff_unlock", args=[official.pk]))
    assert response.status_code == 302
    client.logout()

    response = _try(client, official.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(official.pk)
    unlocked = SignInEvent.objects.get(user=official, kind=SignInEventKind.UNLOCKED)
    assert unlocked.actor == administrator


def test_another_bodys_staff_is_a_404_to_the_administrator(client, administrator, other_official):
    for _ in range(5):
        _try(client, other_official.username, address="10.9.9.9")
    client.force_login(administrator)

    assert client.get(reverse("accounts:staff_detail", args=[other_official.pk])).status_code == 404
    response = client.post(reverse("accounts:staff_unlock", args=[other_official.pk]))
    assert response.status_code == 404
    assert not SignInEvent.objects.filter(kind=SignInEventKind.UNLOCKED).exists()


@pytest.mark.parametrize("who", ["official", "representative"])
def test_only_administrators_have_the_staff_pages(client, request, who, administrator):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("accounts:staff_list")).status_code == 403
    assert client.get(reverse("accounts:staff_detail", args=[administrator.pk])).status_code == 404


def test_the_staff_list_asks_a_fixed_number_of_questions(
    client, administrator, public_body, django_assert_max_num_queries
):
    from organisations.constants import Role
    from tests.factories import MembershipFactory

    for _ in range(30):
        MembershipFactory(organisation=public_body, role=Role.OFFICIAL)
    client.force_login(administrator)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:staff_list"))

    assert response.status_code == 200
    assert "Sida 1 av 2" in response.content.decode()

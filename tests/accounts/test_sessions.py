"""Passwords of at least 12 characters, staff sessions that end after 30 minutes idle and 12
hours in all, and signing out everywhere from the user's own page."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.constants import SignInEventKind
from accounts.middleware import SEEN_AT, SIGNED_IN_AT
from accounts.models import SignInEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Tolv-tecken", "minst 12 tecken"),
        ("password1234", "för vanligt"),
        ("anna.lindqvist", "alltför likt"),
    ],
)
def test_weak_passwords_are_refused_in_swedish(official, password, expected):
    official.username = "anna.lindqvist"

    with pytest.raises(ValidationError) as error:
        validate_password(password, user=official)

    assert expected in " ".join(error.value.messages)


def test_changing_the_password_says_what_is_wrong_next_to_the_field(client, official):
    client.force_login(official)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Kort-ord-1", "new_password2": "Kort-ord-1"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "minst 12 tecken" in content
    official.refresh_from_db()
    assert official.check_password(PASSWORD)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Lingon-och-blåbär-i-skogen",
            "new_password2": "Lingon-och-blåbär-i-skogen",
        },
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.check_password("Lingon-och-blåbär-i-skogen")


def _age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_a_staff_session_ends_after_30_minutes_without_activity(client, official):
    client.force_login(official)
    _age_session(client, iop_seen_at=31 * 60)

    response = client.get(reverse("partnerships:list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert "utloggad efter 30 minuter utan aktivitet" in page
    assert SignInEvent.objects.filter(user=official, kind=SignInEventKind.SESSION_ENDED).exists()


def test_a_staff_session_ends_12_hours_after_signing_in_however_active(client, administrator):
    client.force_login(administrator)
    _age_session(client, iop_signed_in_at=12 * 3600 + 5, iop_seen_at=10)

    response = client.get(reverse("partnerships:list"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert "12 timmar efter" in client.get(response.url).content.decode()


def test_an_active_staff_session_goes_on_and_is_seen(client, official):
    client.force_login(official)
    _age_session(client, iop_signed_in_at=3600, iop_seen_at=29 * 60)

    response = client.get(reverse("partnerships:list"))

    assert response.status_code == 200
    assert int(time.time()) - client.session[SEEN_AT] < 5
    assert int(time.time()) - client.session[SIGNED_IN_AT] >= 3600


def test_a_representatives_session_has_no_idle_limit(client, representative):
    client.force_login(representative)
    _age_session(client, iop_seen_at=2 * 3600)

    response = client.get(reverse("portal:home"))

    assert response.status_code == 200


def test_every_session_ends_with_its_cookie_after_12_hours(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_signing_out_everywhere_ends_every_session_of_the_user_only(
    client, official, administrator
):
    laptop, phone, colleague = Client(), Client(), Client()
    for browser, user in ((laptop, official), (phone, official), (colleague, administrator)):
        response = browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302

    page = laptop.get(reverse("accounts:me")).content.decode()
    assert "Logga ut överallt" in page
    response = laptop.post(reverse("accounts:sign_out_everywhere"))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in laptop.session
    assert phone.get(reverse("partnerships:list")).status_code == 302
    assert colleague.get(reverse("partnerships:list")).status_code == 200
    assert SignInEvent.objects.filter(
        user=official, kind=SignInEventKind.SIGNED_OUT_EVERYWHERE
    ).exists()


def test_the_own_page_lists_only_the_users_own_sign_ins(client, official, administrator):
    for user in (official, administrator):
        client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
        client.post(reverse("logout"))
    client.force_login(official)

    response = client.get(reverse("accounts:me"))

    events = list(response.context["events"])
    assert events and all(event.user == official for event in events)

"""The second factor (django-otp TOTP with recovery codes), with the installation's rule on
(IOP_REQUIRE_2FA, the production default; the rest of the suite runs with it off)."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.constants import SignInEventKind
from accounts.models import SignInEvent
from tests.factories import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_second_factor_required")]


@pytest.fixture
def _second_factor_required():
    with override_settings(IOP_REQUIRE_2FA=True):
        yield


def _code(device, steps_ahead=0):
    """The code the app shows (a later step's, so a test never reuses a code)."""
    t0 = device.t0 - steps_ahead * device.step
    return f"{totp(device.bin_key, device.step, t0, device.digits, device.drift):06d}"


def _being_set_up(client):
    return TOTPDevice(key=client.session["iop_enrolment_key"])


def _password(client, user, next_url=""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def _enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device


def test_staff_without_a_second_factor_set_it_up_at_sign_in_with_a_qr_code(client, official):
    response = _password(client, official)

    assert response.status_code == 302
    assert response.url == reverse("second_factor")
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    content = page.content.decode()
    assert "Ställ in en andra faktor" in content
    assert 'src="data:image/svg+xml' in content
    # Showing the page saved nothing; the secret waits in the session until confirmed.
    assert not TOTPDevice.objects.filter(user=official).exists()
    device = _being_set_up(client)

    response = client.post(reverse("second_factor"), {"code": _code(device)})

    assert response.status_code == 302
    assert response.url == reverse("accounts:recovery_codes")
    assert client.session["_auth_user_id"] == str(official.pk)
    page = client.get(response.url).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=official).values_list("token", flat=True)
    )
    # Shown once: the page does not show them again.
    assert client.get(reverse("accounts:recovery_codes")).status_code == 302
    assert client.get(reverse("partnerships:list")).status_code == 200


def test_a_right_code_signs_in_and_goes_where_the_user_was_going(client, administrator):
    device = _enrolled(administrator)

    _password(client, administrator, next_url=reverse("finance:overview"))
    response = client.post(reverse("second_factor"), {"code": _code(device)})

    assert response.status_code == 302
    assert response.url == reverse("finance:overview")
    assert client.get(reverse("finance:overview")).status_code == 200


def test_a_wrong_code_keeps_the_user_signed_out_and_is_logged(client, official):
    _enrolled(official)
    _password(client, official)

    response = client.post(reverse("second_factor"), {"code": "000000"})

    assert response.status_code == 200
    assert "Koden är fel" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("partnerships:list")).status_code == 302
    assert SignInEvent.objects.filter(user=official, kind=SignInEventKind.WRONG_CODE).exists()


def test_repeated_wrong_codes_lock_the_account(client, official):
    device = _enrolled(official)
    _password(client, official)
    for _ in range(4):
        client.post(reverse("second_factor"), {"code": "000000"})

    response = client.post(reverse("second_factor"), {"code": "000000"})

    assert response.status_code == 429
    assert "För många misslyckade försök" in response.content.decode()
    # Neither the password nor a right code gets in now.
    assert _password(client, official).status_code == 429
    response = client.post(reverse("second_factor"), {"code": _code(device, 1)})
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_signs_in_once(client, official):
    _enrolled(official)
    static = official.staticdevice_set.create(name="recovery codes", confirmed=True)
    static.token_set.create(token="abcd2345")

    _password(client, official)
    client.post(reverse("second_factor"), {"code": "abcd2345"})
    assert client.session["_auth_user_id"] == str(official.pk)
    client.post(reverse("logout"))

    _password(client, official)
    client.post(reverse("second_factor"), {"code": "abcd2345"})
    assert "_auth_user_id" not in client.session


def test_a_session_without_the_second_factor_is_signed_out(client, official):
    # As the Django admin's own login page, or a session from before the rule, would give.
    client.force_login(official)

    response = client.get(reverse("partnerships:list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_the_admin_login_page_leads_to_the_sign_in_with_the_second_factor(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=/admin/"


def test_representatives_need_none_but_may_set_one_up(client, representative):
    response = _password(client, representative)
    assert response.status_code == 302
    assert response.url == reverse("home")

    page = client.get(reverse("accounts:me")).content.decode()
    assert "Ställ in en andra faktor" in page
    client.get(reverse("accounts:second_factor"))
    device = _being_set_up(client)
    response = client.post(reverse("accounts:second_factor"), {"code": _code(device)})
    assert response.url == reverse("accounts:recovery_codes")
    client.post(reverse("logout"))

    # From now on their sign-in asks for it.
    response = _password(client, representative)
    assert response.url == reverse("second_factor")
    assert "_auth_user_id" not in client.session
    device = TOTPDevice.objects.get(user=representative, confirmed=True)
    client.post(reverse("second_factor"), {"code": _code(device, 1)})
    assert client.session["_auth_user_id"] == str(representative.pk)


def test_the_body_administrator_resets_a_lost_second_factor(client, administrator, official):
    device = _enrolled(official)
    official_browser = type(client)()
    _password(official_browser, official)
    official_browser.post(reverse("second_factor"), {"code": _code(device)})
    assert official_browser.get(reverse("partnerships:list")).status_code == 200
    admin_device = _enrolled(administrator)
    _password(client, administrator)
    client.post(reverse("second_factor"), {"code": _code(admin_device)})

    response = client.post(reverse("accounts:staff_second_factor_reset", args=[official.pk]))

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=official).exists()
    assert official_browser.get(reverse("partnerships:list")).status_code == 302
    event = SignInEvent.objects.get(user=official, kind=SignInEventKind.SECOND_FACTOR_RESET)
    assert event.actor == administrator
    # At the next sign-in they set up a new one.
    assert _password(official_browser, official).url == reverse("second_factor")
    assert (
        "Ställ in en andra faktor"
        in official_browser.get(reverse("second_factor")).content.decode()
    )


def test_another_bodys_administrator_cannot_reset_it(client, other_administrator, official):
    _enrolled(official)
    with override_settings(IOP_REQUIRE_2FA=False):
        client.force_login(other_administrator)
        response = client.post(reverse("accounts:staff_second_factor_reset", args=[official.pk]))

    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=official).exists()

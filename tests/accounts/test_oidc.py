"""Single sign-on against a real OpenID Connect provider: tests/oidc_provider/ (Django with
django-oauth-toolkit, OIDC on, an RSA key made here) runs in its own process on 127.0.0.1,
the register runs on the live server, and a real HTTP client (requests) follows the
redirects between them as a browser would."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import override_settings

from accounts.constants import SignInEventKind
from accounts.models import ExternalIdentity, SignInEvent
from organisations.constants import Role
from tests.factories import MembershipFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "iop-register"
CLIENT_SECRET = "provider-test-secret-0123456789"
PROVIDER_PASSWORD = "kommunens-lösenord-2026"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    """The provider, with three people: Anna (staff of a body in the register), Okänd (no
    account in the register) and Ingen (an account of the register that belongs nowhere)."""
    folder = tmp_path_factory.mktemp("oidc_provider")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_file = folder / "key.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "IOP_"))},
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_PROVIDER_DB": str(folder / "provider.sqlite3"),
        "OIDC_PROVIDER_KEY_FILE": str(key_file),
        "PYTHONPATH": str(ROOT),
    }
    python = [sys.executable, "-m"]
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "timeout": 300}
    subprocess.run([*python, "django", "migrate", "--noinput", "-v", "0"], **run)
    subprocess.run(
        [
            *python,
            "tests.oidc_provider.seed",
            CLIENT_ID,
            CLIENT_SECRET,
            f"{live_server.url}/oidc/callback/",
            f"anna:Anna.Berg@Kommun.example:{PROVIDER_PASSWORD}",
            f"okand:okand@kommun.example:{PROVIDER_PASSWORD}",
            f"ingen:ingen@kommun.example:{PROVIDER_PASSWORD}",
        ],
        **run,
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [*python, "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        discovery = None
        for _ in range(300):
            try:
                discovery = requests.get(
                    f"{url}/o/.well-known/openid-configuration", timeout=2
                ).json()
                break
            except (requests.ConnectionError, ValueError):
                if server.poll() is not None:
                    break
                time.sleep(0.2)
        assert discovery, (folder / "server.log").read_text()
        yield {"url": url, **discovery}
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture
def sso(provider, settings):
    """The register configured for the provider as the README says (OIDC_* settings), and
    cookies a plain-HTTP client sends back."""
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = provider["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = provider["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = provider["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = provider["jwks_uri"]
    settings.OIDC_OP_ISSUER = provider["issuer"]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    return provider


def _sign_in_at_provider(live_server, username):
    """Start at the register's login page, take its single sign-on link, sign in at the
    provider's own page; return the browser (a requests session) and the last response."""
    browser = requests.Session()
    login_page = browser.get(f"{live_server.url}/login/", timeout=30)
    link = re.search(r'href="(/oidc/authenticate/[^"]*)"', login_page.text)
    assert link, login_page.text
    page = browser.get(live_server.url + link.group(1).replace("&amp;", "&"), timeout=30)
    assert "Kommunens inloggning" in page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    next_value = re.search(r'name="next" value="([^"]*)"', page.text).group(1)
    response = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": PROVIDER_PASSWORD,
            "next": next_value.replace("&amp;", "&"),
        },
        headers={"Referer": page.url},
        timeout=30,
    )
    return browser, response


@pytest.mark.django_db(transaction=True)
def test_staff_sign_in_through_the_municipal_provider(live_server, sso, public_body):
    anna = UserFactory(username="anna.berg", email="anna.berg@kommun.example")
    MembershipFactory(user=anna, organisation=public_body, role=Role.OFFICIAL)

    browser, response = _sign_in_at_provider(live_server, "anna")

    assert response.status_code == 200
    assert response.url.startswith(live_server.url + "/partnerships/")
    assert "Logga ut" in response.text
    assert anna.get_full_name() in response.text
    identity = ExternalIdentity.objects.get(user=anna)
    assert identity.provider == sso["issuer"]
    assert SignInEvent.objects.filter(user=anna, kind=SignInEventKind.SIGNED_IN).exists()

    # The next time the provider's subject alone finds her, whatever the e-mail says.
    anna.email = "annan.adress@kommun.example"
    anna.save()
    browser, response = _sign_in_at_provider(live_server, "anna")
    assert response.url.startswith(live_server.url + "/partnerships/")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("username", ["okand", "ingen"])
def test_an_unknown_user_is_told_to_ask_their_administrator_and_nothing_is_created(
    live_server, sso, public_body, username
):
    # "ingen" has an account with the provider's address, but belongs to no organisation.
    UserFactory(username="ingen.medlem", email="ingen@kommun.example")
    users_before = set(get_user_model().objects.values_list("pk", flat=True))

    browser, response = _sign_in_at_provider(live_server, username)

    assert response.status_code == 403
    assert "be din myndighets administratör" in response.text
    assert set(get_user_model().objects.values_list("pk", flat=True)) == users_before
    assert not ExternalIdentity.objects.exists()
    page = browser.get(f"{live_server.url}/partnerships/", timeout=30, allow_redirects=False)
    assert page.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_with_the_second_factor_required_the_provider_alone_does_not_sign_staff_in(
    live_server, sso, public_body
):
    anna = UserFactory(username="anna.berg", email="anna.berg@kommun.example")
    MembershipFactory(user=anna, organisation=public_body, role=Role.ADMINISTRATOR)

    with override_settings(IOP_REQUIRE_2FA=True):
        browser, response = _sign_in_at_provider(live_server, "anna")

        assert response.url == f"{live_server.url}/login/second-factor/"
        assert "Ställ in en andra faktor" in response.text
        page = browser.get(f"{live_server.url}/partnerships/", timeout=30, allow_redirects=False)
        assert page.status_code == 302


def test_without_a_provider_configured_single_sign_on_is_off(client, db):
    assert "/oidc/authenticate/" not in client.get("/login/").content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404

"""The administrator's page of API tokens: create (shown once, kept hashed), last use,
revoke with a confirmation; another body's tokens are not there."""

import hashlib

import pytest
from django.urls import reverse

from api.constants import TokenScope
from api.models import ApiToken
from api.services import token_create
from tests.reporting.conftest import login

pytestmark = pytest.mark.django_db


def test_an_administrator_creates_a_token_shown_once_and_kept_hashed(
    client, administrator, public_body
):
    login(client, administrator)

    response = client.post(
        reverse("api_tokens:list"),
        {"body": public_body.pk, "name": "Ekonomisystemet", "scope": TokenScope.FINANCE_WRITE},
    )

    assert response.status_code == 200
    token = ApiToken.objects.get()
    raw = response.context["created"]["raw"]
    assert raw.startswith(token.prefix + "_")
    assert raw in response.content.decode()
    assert token.secret_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(list(ApiToken.objects.values()))
    assert response["Cache-Control"].startswith("max-age=0")
    again = client.get(reverse("api_tokens:list")).content.decode()
    assert raw not in again and token.prefix in again and "Aldrig" in again


def test_a_nameless_token_is_refused_next_to_the_field(client, administrator, public_body):
    login(client, administrator)

    response = client.post(
        reverse("api_tokens:list"), {"body": public_body.pk, "name": " ", "scope": "read"}
    )

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_stops_the_token(client, administrator, public_body):
    token, raw = token_create(
        body=public_body, name="Diariet", scope=TokenScope.READ, user=administrator
    )
    login(client, administrator)
    url = reverse("api_tokens:revoke", args=[token.pk])

    assert client.get(url).status_code == 200
    token.refresh_from_db()
    assert token.is_active
    client.post(url)
    token.refresh_from_db()
    assert not token.is_active and token.revoked_by == administrator
    assert client.get("/api/partnerships", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_officials_and_other_bodies_cannot_manage_the_tokens(
    client, administrator, official, public_body, other_admin
):
    token, _raw = token_create(
        body=public_body, name="Diariet", scope=TokenScope.READ, user=administrator
    )
    login(client, official)
    assert client.get(reverse("api_tokens:list")).status_code == 403
    login(client, other_admin)
    assert "Diariet" not in client.get(reverse("api_tokens:list")).content.decode()
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.is_active

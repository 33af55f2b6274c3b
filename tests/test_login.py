"""The login page (templates/registration/login.html) and the project catalogue."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_swedish(client):
    response = client.get(reverse("login"))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in content
    assert "<h1>Logga in</h1>" in content
    assert "Användarnamn" in content
    assert "Lösenord" in content
    assert "Hoppa till innehållet" in content


def test_pages_need_a_login(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_wrong_password_gives_a_swedish_message_and_keeps_the_username(client, official):
    response = client.post(
        reverse("login"), {"username": official.username, "password": "fel-lösenord"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Ange ett korrekt användarnamn och lösenord" in content
    assert f'value="{official.username}"' in content
    assert "_auth_user_id" not in client.session


def test_logging_in_leads_to_the_partnerships(client, official):
    official.set_password("ett-annat-lösenord-7")
    official.save()

    response = client.post(
        reverse("login"), {"username": official.username, "password": "ett-annat-lösenord-7"}
    )

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(official.pk)


def test_logging_out_takes_a_post_and_returns_to_the_login(client, official):
    client.force_login(official)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session

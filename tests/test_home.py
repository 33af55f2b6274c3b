"""Where each role starts, and the menu it gets."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_representative_starts_on_their_organisations_page(client, representative):
    client.force_login(representative)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("portal:home")


def test_staff_start_on_the_partnership_list_with_the_whole_menu(client, official):
    client.force_login(official)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("partnerships:list")
    content = response.content.decode()
    for label in ("Partnerskap", "Att göra", "Ekonomi", "Redovisningar", "Organisationer"):
        assert f">{label}</a>" in content


def test_a_representative_gets_no_staff_menu(client, representative):
    client.force_login(representative)
    content = client.get(reverse("partnerships:list")).content.decode()
    assert ">Min organisation</a>" in content
    assert ">Organisationer</a>" not in content
    assert ">Redovisningar</a>" not in content


def test_the_interface_is_swedish_whatever_the_browser_asks_for(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Logga in" in response.content.decode()
    assert response["Content-Language"] == "sv"


def test_english_is_available_when_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert "Log in" in client.get(reverse("login")).content.decode()

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

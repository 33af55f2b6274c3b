"""The app's own error pages: Swedish, with the site's header and navigation, saying what the
user can do next (with DEBUG off, as in production)."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from iop.views import server_error

pytestmark = pytest.mark.django_db


def test_404_for_a_signed_in_user_has_the_menu(client, official):
    client.force_login(official)
    response = client.get("/partnerships/999999/")

    content = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Sidan finns inte</h1>" in content
    assert 'aria-label="Huvudmeny"' in content
    assert "Gå till startsidan" in content
    assert "URLconf" not in content  # not Django's debug page


def test_404_for_an_anonymous_visitor_offers_the_login(client):
    response = client.get("/no-such-page/")
    content = response.content.decode()
    assert response.status_code == 404
    assert reverse("login") + "?next=/no-such-page/" in content


def test_403_for_a_representative_is_swedish_and_says_whom_to_ask(client, representative):
    client.force_login(representative)
    response = client.get(reverse("finance:payments_export", args=["csv"]))

    content = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Du får inte göra det här</h1>" in content
    assert "be din myndighets eller organisations administratör" in content
    assert 'aria-label="Huvudmeny"' in content


def test_400_has_the_menu(client, official):
    client.force_login(official)
    response = client.get(reverse("partnerships:list") + "?q=%00")
    content = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Begäran kunde inte tolkas</h1>" in content
    assert 'aria-label="Huvudmeny"' in content


def test_the_csrf_failure_page_says_the_form_expired(official):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    content = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Formuläret har gått ut</h1>" in content
    assert "ladda om sidan" in content


def test_500_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/partnerships/")
    with django_assert_num_queries(0):
        response = server_error(request)
    content = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Något gick fel</h1>" in content
    assert 'aria-label="Huvudmeny"' in content
    assert "Försök igen om några minuter" in content


def test_the_500_handler_is_the_apps():
    from iop import urls

    assert urls.handler500 == "iop.views.server_error"
    assert urls.handler400 == "iop.views.bad_request"

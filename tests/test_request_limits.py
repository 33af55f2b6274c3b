"""Requests refused before a view reads them: NUL bytes in paths and queries, and bodies
larger than the largest upload."""

import io

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.test import RequestFactory
from django.urls import reverse

from iop.middleware import RequestLimitsMiddleware
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publishing_body(db):
    return OrganisationFactory(public=True, org_number="2120001361")


@pytest.mark.parametrize(
    "path",
    [
        "/documents/open-data/%00/",
        "/documents/open-data/%00.json",
        "/documents/open-data/%00.csv",
        "/documents/open-data/212000%001361/",
        "/partnerships/%00/",
        "/documents/open-data/%01/",
    ],
)
def test_a_nul_byte_in_the_path_is_a_404_not_a_500(client, publishing_body, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["?q=%00", "?%00=1", "?status=planned%00", "?q=ok&q=%00"],
)
def test_a_nul_byte_in_the_query_is_a_400(client, official, query):
    client.force_login(official)
    for url in (reverse("partnerships:list"), reverse("finance:payments")):
        response = client.get(url + query)
        assert response.status_code == 400
        assert "Begäran kunde inte tolkas" in response.content.decode()


def test_open_data_with_a_nul_byte_in_the_query_is_a_400(client, publishing_body):
    response = client.get("/documents/open-data/2120001361.csv?format=%00")
    assert response.status_code == 400


def test_invalid_utf8_in_the_path_is_a_404(client, publishing_body):
    assert client.get("/documents/open-data/%FF%FE/").status_code == 404
    assert client.get("/documents/open-data/%ED%A0%80.json").status_code == 404


def test_the_open_data_pages_still_answer(client, publishing_body):
    assert client.get("/documents/open-data/2120001361.csv").status_code == 200


class UnreadableBody(io.RawIOBase):
    """A body that fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readinto = read


def test_a_body_over_the_limit_is_refused_before_it_is_read(settings):
    settings.IOP_MAX_UPLOAD_BYTES = 1024 * 1024
    environ = RequestFactory().post("/portal/").environ
    environ.update(CONTENT_LENGTH=str(5 * 1024 * 1024), **{"wsgi.input": UnreadableBody()})
    request = WSGIRequest(environ)

    response = RequestLimitsMiddleware(lambda request: pytest.fail("the view was called"))(request)

    assert response.status_code == 413
    content = response.content.decode()
    assert "Filen är för stor" in content
    assert "1,0\xa0MB" in content or "1,0 MB" in content


def test_an_oversized_upload_through_the_client_gets_the_swedish_page(
    client, representative, settings
):
    settings.IOP_MAX_UPLOAD_BYTES = 10_000
    client.force_login(representative)
    big = io.BytesIO(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024))
    big.name = "bokslut.pdf"

    response = client.post("/portal/", {"file": big})

    assert response.status_code == 413
    assert '<html lang="sv">' in response.content.decode()


def test_a_body_within_the_limit_reaches_the_view(client, settings):
    settings.IOP_MAX_UPLOAD_BYTES = 10_000
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 200

"""Every redirect to an address from the request stays on this site."""

import pytest
from django.test import RequestFactory

from common.redirects import safe_next


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/x",
        "//evil.example/x",
        "///evil.example/x",
        "\\\\evil.example/x",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
    ],
)
def test_a_next_elsewhere_falls_back(target):
    request = RequestFactory().post("/", {"next": target})
    assert safe_next(request, "/fallback/") == "/fallback/"


def test_a_next_on_this_site_is_followed():
    request = RequestFactory().post("/", {"next": "/finance/payments/?status=planned"})
    assert safe_next(request, "/fallback/") == "/finance/payments/?status=planned"


def test_http_next_is_refused_on_an_https_request():
    request = RequestFactory().post("/", {"next": "http://testserver/x"}, secure=True)
    assert safe_next(request, "/fallback/") == "/fallback/"

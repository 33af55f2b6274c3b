"""Property-based test of the API against its own OpenAPI schema (schemathesis generates the
requests, valid and invalid): whatever it sends with a valid finance token, the API answers
without a server error."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.application import api

pytestmark = pytest.mark.django_db


schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))


@pytest.fixture
def wsgi_app(db):
    # The WSGI handler runs in this thread, on the test's transaction: keep Django from
    # closing that connection between requests, as its own test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error(case, wsgi_app, finance_token, approved_payment, other_partnership):
    _token, raw = finance_token
    case.call_and_validate(
        app=wsgi_app, headers={"Authorization": f"Bearer {raw}"}, checks=[not_a_server_error]
    )

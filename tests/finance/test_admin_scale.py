"""The admin's payment changelist sorts on the payment's own indexed column, not a join."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OrganisationFactory
from tests.test_query_budgets import Register

pytestmark = pytest.mark.django_db


def test_payment_changelist_orders_without_a_join(client, superuser, public_body):
    Register(public_body, OrganisationFactory(), superuser).add(2)
    client.force_login(superuser)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("admin:finance_payment_changelist"))
    assert response.status_code == 200
    listing = [
        q["sql"]
        for q in captured
        if 'FROM "finance_payment"' in q["sql"] and "ORDER BY" in q["sql"]
    ]
    assert listing
    order_by = listing[0].split("ORDER BY", 1)[1]
    assert '"finance_payment"."due_date" DESC' in order_by
    assert "organisations_organisation" not in order_by

"""The dashboard as a work queue: counts per kind and partnership, filters that narrow it,
and filter values that do not exist are ignored (no error)."""

import pytest
from django.urls import reverse

from governance import selectors

from .conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_client(client, official):
    return log_in(client, official)


def test_counts_per_kind_and_filters(official_client, official, steering_group):
    items = selectors.dashboard_deadlines(user=official)
    assert items, "the fixture partnership has deadlines"
    kind = items[0].kind
    url = reverse("governance:dashboard")
    page = official_client.get(url).content.decode()
    assert "Per slag" in page and "Per partnerskap" in page
    assert f'href="?kind={kind}"' in page
    filtered = official_client.get(url, {"kind": kind, "window": "overdue"}).content.decode()
    assert 'id="upcoming"' not in filtered
    assert f'<option value="{kind}" selected>' in filtered


@pytest.mark.parametrize("query", [{"kind": "<script>"}, {"partnership": "99999"}, {"window": "'"}])
def test_odd_filters_are_ignored(official_client, steering_group, query):
    response = official_client.get(reverse("governance:dashboard"), query)
    assert response.status_code == 200

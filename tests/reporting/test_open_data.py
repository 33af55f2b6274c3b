"""Open data: one queryset per page (the number of queries does not grow with the number of
partnerships), sums from the database, and a public index of the bodies that publish."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance.constants import PaymentStatus
from finance.models import Payment
from partnerships.constants import Status
from tests.factories import (
    AppendixFactory,
    OrganisationFactory,
    PartnershipFactory,
    RelationFactory,
)

from .conftest import add_budget

pytestmark = pytest.mark.django_db

YEARS = [
    (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)),
    (datetime.date(2018, 1, 1), datetime.date(2018, 12, 31)),
]


def _published(body, index: int):
    """A published partnership with two organisations, two budget years and paid and planned
    payments: 2 × 2 × 100 000 kr awarded, 2 × 25 000 kr paid."""
    organisations = [OrganisationFactory(), OrganisationFactory()]
    partnership = PartnershipFactory(
        public_body=body,
        organisations=organisations,
        title=f"Partnerskap {index:02d}",
        status=Status.ACTIVE,
        start_date=YEARS[0][0],
        end_date=YEARS[1][1],
    )
    for party in partnership.parties.filter(is_public=False):
        appendix = AppendixFactory(party=party)
        add_budget(
            partnership, appendix, [(year, [("Personal", Decimal("100000"))]) for year in YEARS]
        )
        period = partnership.budget_periods.get(start=YEARS[0][0])
        for status, paid_on in ((PaymentStatus.PAID, YEARS[0][0]), (PaymentStatus.PLANNED, None)):
            payment = Payment.objects.create(
                partnership=partnership,
                party=party,
                period=period,
                due_date=YEARS[0][0],
                covers_from=YEARS[0][0],
                covers_to=datetime.date(2017, 3, 31),
                amount=Decimal("25000"),
                paid_on=paid_on,
            )
            Payment.objects.filter(pk=payment.pk).update(status=status)
    return partnership


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "name", ["reporting:open_data", "reporting:open_data_json", "reporting:open_data_csv"]
)
def test_open_data_queries_do_not_grow_with_the_partnerships(
    client, public_body, name, django_assert_max_num_queries
):
    _published(public_body, 0)
    url = reverse(name, args=[public_body.org_number])
    with_one = _queries(client, url)
    for index in range(1, 10):
        _published(public_body, index)
    # Body, partnerships (with sums), parties, budget years, payments + the request savepoint.
    with django_assert_max_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    assert _queries(client, url) == with_one
    content = response.content.decode()
    assert content.count("Partnerskap ") >= 10


def test_open_data_sums_come_from_the_database(client, public_body):
    for index in range(10):
        _published(public_body, index)
    data = json.loads(
        client.get(reverse("reporting:open_data_json", args=[public_body.org_number])).content
    )
    assert len(data["grants"]) == 10
    for grant in data["grants"]:
        assert grant["amountAwarded"] == 400000
        assert grant["amountDisbursed"] == 50000
        assert [p["amount"] for p in grant["amountsPerPeriod"]] == ["200000.00", "200000.00"]
        assert len(grant["disbursements"]) == 2
        assert {d["amount"] for d in grant["disbursements"]} == {"25000.00"}
        assert all(
            d["recipientOrganizationId"].startswith("SE-ON-") for d in grant["disbursements"]
        )


def test_open_data_index_lists_publishing_bodies_without_contact_data(
    client, public_body, other_body, django_assert_max_num_queries
):
    RelationFactory(
        body=public_body,
        organisation=public_body,
        contact_name="Kalle Kontakt",
        contact_email="kalle@example.org",
        contact_phone="08-123 456 78",
    )
    public_body.street_address = "Hemliga gatan 1"
    public_body.save()
    for index in range(3):
        _published(public_body, index)
    PartnershipFactory(public_body=other_body, title="Bara ett utkast")  # nothing published
    silent = OrganisationFactory(public=True, name="Tysta nämnden")

    with django_assert_max_num_queries(3):  # bodies with their counts + the request savepoint
        response = client.get(reverse("reporting:open_data_index"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Öppna data om idéburna offentliga partnerskap" in page
    assert public_body.name in page
    assert reverse("reporting:open_data", args=[public_body.org_number]) in page
    assert reverse("reporting:open_data_json", args=[public_body.org_number]) in page
    assert public_body.org_number_display in page
    for absent in (other_body.name, silent.name, "Bara ett utkast"):
        assert absent not in page
    for secret in ("Kalle Kontakt", "kalle@example.org", "08-123 456 78", "Hemliga gatan"):
        assert secret not in page
    body_page = client.get(reverse("reporting:open_data", args=[public_body.org_number]))
    assert reverse("reporting:open_data_index") in body_page.content.decode()
    for secret in ("Kalle Kontakt", "kalle@example.org", "08-123 456 78", "Hemliga gatan"):
        assert secret not in body_page.content.decode()


def test_open_data_index_without_publishing_bodies(client, public_body):
    PartnershipFactory(public_body=public_body)  # a draft is not published
    page = client.get(reverse("reporting:open_data_index")).content.decode()
    assert "Ingen offentlig aktör har publicerat något partnerskap ännu." in page

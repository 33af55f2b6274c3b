"""Who sees and changes what: a matrix of role × page, representatives limited to their own
organisation (another organisation's payment is a 404), and bounded query counts."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from finance import services
from finance.constants import PaymentStatus
from organisations.constants import Role
from tests.factories import (
    AppendixFactory,
    MembershipFactory,
    OrganisationFactory,
    RelationFactory,
)

from .conftest import BRIS_LINES, D, make_partnership, saved

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(bris_budgeted, other_organisation, administrator):
    """Bris plus a second organisation, both with budgets and payments."""
    party = bris_budgeted.parties.create(
        organisation=other_organisation, joined_on=bris_budgeted.start_date
    )
    appendix = AppendixFactory(party=party, number="2.2")
    for period in bris_budgeted.budget_periods.all():
        services.budget_save(
            appendix=appendix, period=period, lines=[("Personal", Decimal("100000"))]
        )
    services.schedule_generate(partnership=bris_budgeted, user=administrator)
    return bris_budgeted


@pytest.fixture
def outsider(other_body):
    return saved(MembershipFactory(organisation=other_body, role=Role.ADMINISTRATOR).user)


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "name", "expected"),
    [
        ("administrator", "finance:partnership", 200),
        ("official", "finance:partnership", 200),
        ("representative", "finance:partnership", 200),
        ("outsider", "finance:partnership", 404),
        ("administrator", "finance:schedule", 200),
        ("official", "finance:schedule", 403),
        ("representative", "finance:schedule", 403),
        ("outsider", "finance:schedule", 404),
        ("administrator", "finance:terms", 200),
        ("official", "finance:terms", 403),
        ("outsider", "finance:terms", 404),
        ("administrator", "finance:terminate", 200),
        ("representative", "finance:terminate", 403),
        ("outsider", "finance:extend", 404),
        ("official", "finance:other_income", 403),
    ],
)
def test_partnership_pages(client, request, shared, who, name, expected):
    login(client, request.getfixturevalue(who))
    assert client.get(reverse(name, args=[shared.pk])).status_code == expected


def test_anonymous_users_are_sent_to_log_in(client, shared):
    response = client.get(reverse("finance:partnership", args=[shared.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_representative_sees_own_payments_only(client, shared, representative, other_organisation):
    login(client, representative)
    own = shared.payments.filter(party__organisation__name="Bris").first()
    foreign = shared.payments.filter(party__organisation=other_organisation).first()
    assert client.get(reverse("finance:payment", args=[own.pk])).status_code == 200
    assert client.get(reverse("finance:payment", args=[foreign.pk])).status_code == 404
    listing = client.get(reverse("finance:payments")).content.decode()
    assert "Bris" in listing and "Rädda Barnen" not in listing
    page = client.get(reverse("finance:partnership", args=[shared.pk])).content.decode()
    assert "Rädda Barnen" not in page
    assert "Godkänn" not in page
    # Approving someone else's payment: 404, not a hint that it exists.
    response = client.post(reverse("finance:payment_approve", args=[foreign.pk]))
    assert response.status_code == 404
    # Their own, visible but not theirs to approve: 403.
    assert client.post(reverse("finance:payment_approve", args=[own.pk])).status_code == 403
    assert not shared.payments.exclude(status=PaymentStatus.PLANNED).exists()
    # Exports are for the public body's staff.
    sie = reverse("finance:sie_batches", args=[shared.public_body_id])
    assert client.get(sie).status_code == 404


def test_officials_read_but_do_not_act(client, shared, official):
    login(client, official)
    payment = shared.payments.first()
    page = client.get(reverse("finance:payment", args=[payment.pk])).content.decode()
    assert "Godkänn" not in page
    assert client.post(reverse("finance:payment_approve", args=[payment.pk])).status_code == 403
    assert client.get(reverse("finance:payments_export", args=["csv"])).status_code == 200


def test_another_bodys_payments_are_invisible(client, shared, outsider):
    login(client, outsider)
    payment = shared.payments.first()
    assert client.get(reverse("finance:payment", args=[payment.pk])).status_code == 404
    assert "Bris" not in client.get(reverse("finance:payments")).content.decode()
    assert "Bris" not in client.get(reverse("finance:overview")).content.decode()


def _more_payments(public_body, administrator, count):
    for index in range(count):
        organisation = OrganisationFactory(name=f"Förening extra {index}")
        RelationFactory(body=public_body, organisation=organisation, bankgiro="90000019")
        partnership = make_partnership(public_body, [organisation], D(2017, 1, 1), D(2017, 12, 31))
        period = services.budget_period_create(
            partnership=partnership, start=D(2017, 1, 1), end=D(2017, 12, 31)
        )
        appendix = partnership.parties.get(organisation=organisation).appendices.get()
        services.budget_save(appendix=appendix, period=period, lines=BRIS_LINES)
        services.schedule_generate(partnership=partnership, user=administrator)


def test_payment_list_and_overview_queries_are_bounded(
    administrator_client, shared, public_body, administrator, django_assert_max_num_queries
):
    _more_payments(public_body, administrator, 3)
    with django_assert_max_num_queries(12):
        response = administrator_client.get(reverse("finance:payments"))
    assert len(re.findall(r'href="/finance/payments/\d+/"', response.content.decode())) == 28
    # The overview holds the approval queue (the page and its count), the payments due (the
    # page and its count; which of them the agreement lets be approved now comes in the same
    # query) and the years: the queue's totals per status, the years' payments and the chart
    # are one grouped query, budgets, co-financing and other income one union, whatever the
    # number of payments.
    with django_assert_max_num_queries(14):
        administrator_client.get(reverse("finance:overview"))
    # 26: one of them the body's settings (whether two people approve), asked once per page,
    # and one which payments the agreement lets be approved now.
    with django_assert_max_num_queries(26):
        administrator_client.get(reverse("finance:partnership", args=[shared.pk]))

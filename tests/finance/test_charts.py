"""Planned against paid payments over time, per partnership (quarters) and per body (years)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from finance import services
from finance.constants import PaymentStatus

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def _chart(page: str, slug: str) -> str:
    start = page.index(f'aria-labelledby="{slug}-caption"')
    return page[start : page.index("</figure>", start)]


def test_planned_and_paid_per_quarter_on_the_partnership_page(
    administrator_client, bris_scheduled, second_administrator
):
    first = bris_scheduled.payments.order_by("due_date").first()
    first = services.payment_approve(payment=first, user=second_administrator)
    services.payment_pay(payment=first, user=second_administrator, paid_on=timezone.localdate())
    page = administrator_client.get(reverse("finance:partnership", args=[bris_scheduled.pk]))
    chart = _chart(page.content.decode(), "payments-per-quarter")
    assert 'role="img"' in chart
    year = first.due_date.year
    row = f'<th scope="row">{year}, kvartal 1</th>'
    assert row in chart
    cells = chart[chart.index(row) :].split("</tr>")[0]
    assert cells.count(f"177{NBSP}958,25{NBSP}kr") == 2  # planned and paid
    assert "Totalt 1" in chart  # the text alternative sums it up


def test_the_body_chart_counts_only_what_the_user_may_see(client, bris_scheduled, other_body):
    from organisations.constants import Role
    from tests.factories import MembershipFactory

    client.force_login(MembershipFactory(organisation=other_body, role=Role.ADMINISTRATOR).user)
    page = client.get(reverse("finance:overview")).content.decode()
    assert "Inget att visa än." in page
    assert bris_scheduled.payments.exclude(status=PaymentStatus.STOPPED).exists()

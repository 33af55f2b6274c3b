"""The approval queue on /finance/: totals per status, bulk approve and bulk mark-paid, all or
nothing, the two-person rule per payment, and nothing of another body's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from finance import services
from finance.constants import PaymentStatus
from finance.models import Payment
from organisations.constants import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
BULK = reverse("finance:payments_bulk")


def _first(partnership, n):
    return list(partnership.payments.order_by("due_date")[:n])


def test_a_second_administrator_approves_selected_payments_at_once(
    client, bris_scheduled, second_administrator
):
    chosen = _first(bris_scheduled, 3)
    client.force_login(second_administrator)
    response = client.post(
        BULK, {"action": "approve", "payment": [p.pk for p in chosen]}, follow=True
    )
    assert "3 utbetalningar godkändes" in response.content.decode()
    statuses = set(Payment.objects.filter(pk__in=[p.pk for p in chosen]).values_list("status"))
    assert statuses == {(PaymentStatus.APPROVED,)}
    assert bris_scheduled.payments.filter(status=PaymentStatus.PLANNED).count() == 5


def test_the_preparer_is_not_offered_approval(administrator_client, bris_scheduled):
    page = administrator_client.get(reverse("finance:overview")).content.decode()
    assert 'name="payment"' not in page
    assert "Du förberedde den" in page
    # Nor the single "Approve" button in the lists.
    first = _first(bris_scheduled, 1)[0]
    assert reverse("finance:payment_approve", args=[first.pk]) not in page


def test_one_refusal_moves_none_and_says_which_and_why(
    client, bris_scheduled, second_administrator, administrator
):
    chosen = _first(bris_scheduled, 3)
    # Approved meanwhile by someone else: it can no longer be approved.
    services.payment_approve(payment=chosen[1], user=second_administrator)
    client.force_login(second_administrator)
    response = client.post(BULK, {"action": "approve", "payment": [p.pk for p in chosen]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Inget ändrades" in page
    assert Payment.objects.filter(pk=chosen[0].pk, status=PaymentStatus.PLANNED).exists()
    assert Payment.objects.filter(pk=chosen[2].pk, status=PaymentStatus.PLANNED).exists()
    # The refused one is named; the other two stay selected for a second press.
    assert chosen[1].party.organisation.name in page
    for payment in (chosen[0], chosen[2]):
        assert f'value="{payment.pk}" id="queue-payment-{payment.pk}" checked' in page


def test_bulk_mark_paid_needs_a_date_and_keeps_the_selection(
    client, bris_scheduled, second_administrator
):
    chosen = _first(bris_scheduled, 2)
    for payment in chosen:
        services.payment_approve(payment=payment, user=second_administrator)
    client.force_login(second_administrator)
    ids = [p.pk for p in chosen]
    page = client.post(BULK, {"action": "pay", "payment": ids, "paid_on": ""}).content.decode()
    assert "Fel: " in page
    assert f'id="queue-payment-{ids[0]}" checked' in page
    today = timezone.localdate()
    client.post(BULK, {"action": "pay", "payment": ids, "paid_on": today.isoformat()})
    assert set(Payment.objects.filter(pk__in=ids).values_list("status", "paid_on")) == {
        (PaymentStatus.PAID, today)
    }


def test_another_bodys_payment_is_a_404_and_nothing_moves(client, bris_scheduled, other_body):
    stranger = MembershipFactory(organisation=other_body, role=Role.ADMINISTRATOR).user
    client.force_login(stranger)
    payment = _first(bris_scheduled, 1)[0]
    assert client.post(BULK, {"action": "approve", "payment": [payment.pk]}).status_code == 404
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PLANNED


def test_totals_per_status(client, bris_scheduled, second_administrator):
    services.payment_approve(payment=_first(bris_scheduled, 1)[0], user=second_administrator)
    client.force_login(second_administrator)
    page = client.get(reverse("finance:overview")).content.decode()
    start = page.index("Utbetalningar per status")
    totals = page[start : page.index("</table>", start)]
    assert ">7<" in totals and ">1<" in totals

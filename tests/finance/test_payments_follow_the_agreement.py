"""Issue 12, point 2: no payment is approved or paid before the partnership is signed, none
after it ended, except what a termination keeps or a recorded decision allows."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance import services
from finance.constants import PaymentStatus
from finance.models import Payment, PaymentAllowance, PaymentEvent
from partnerships.constants import Status
from partnerships.models import Partnership
from tests.governance.conftest import log_in

from .conftest import D

pytestmark = pytest.mark.django_db

DECISION = {"decided_on": D(2017, 3, 1), "decision_paragraph": "§ 4", "decided_by": "Socialnämnden"}


def set_status(partnership, status):
    Partnership.objects.filter(pk=partnership.pk).update(status=status)
    partnership.refresh_from_db()


def first_payment(partnership):
    return partnership.payments.order_by("due_date").first()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PROPOSED, Status.DECIDED])
def test_nothing_is_approved_before_signing(bris_scheduled, second_administrator, status):
    set_status(bris_scheduled, status)
    payment = first_payment(bris_scheduled)
    with pytest.raises(ValidationError) as exc:
        services.payment_approve(payment=payment, user=second_administrator)
    assert "Avtalet är inte undertecknat än" in " ".join(exc.value.messages)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PLANNED and payment.approved_by is None
    assert not PaymentEvent.objects.filter(payment=payment).exists()


def test_an_approved_payment_is_not_paid_once_the_partnership_ended(
    bris_scheduled, second_administrator
):
    payment = services.payment_approve(
        payment=first_payment(bris_scheduled), user=second_administrator
    )
    set_status(bris_scheduled, Status.ENDED)
    with pytest.raises(ValidationError) as exc:
        services.payment_pay(payment=payment, user=second_administrator, paid_on=D(2017, 1, 5))
    assert "efter att det har upphört" in " ".join(exc.value.messages)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.APPROVED and payment.paid_on is None


def test_a_termination_keeps_what_it_keeps(bris_scheduled, administrator, second_administrator):
    services.termination_apply(
        partnership=bris_scheduled, date=D(2017, 5, 15), reason="Tvist", user=administrator
    )
    bris_scheduled.refresh_from_db()
    assert bris_scheduled.status == Status.TERMINATED
    kept = bris_scheduled.payments.exclude(status=PaymentStatus.STOPPED).order_by("due_date")
    assert kept.exists()
    for payment in kept:
        services.payment_approve(payment=payment, user=second_administrator)
        services.payment_pay(payment=payment, user=second_administrator, paid_on=D(2017, 6, 1))
    assert set(kept.values_list("status", flat=True)) == {PaymentStatus.PAID}


def test_a_recorded_decision_allows_a_payment(bris_scheduled, administrator, second_administrator):
    set_status(bris_scheduled, Status.DECIDED)
    payment = first_payment(bris_scheduled)
    allowance = services.payment_allow(payment=payment, user=administrator, **DECISION)
    assert (allowance.decided_by, allowance.decision_paragraph) == ("Socialnämnden", "§ 4")
    services.payment_approve(payment=payment, user=second_administrator)
    services.payment_pay(payment=payment, user=second_administrator, paid_on=D(2017, 3, 2))
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.events.filter(note="Socialnämnden 2017-03-01 § 4").exists()
    # The others still wait for the signing.
    other = bris_scheduled.payments.exclude(pk=payment.pk).first()
    with pytest.raises(ValidationError):
        services.payment_approve(payment=other, user=second_administrator)


def test_no_decision_is_recorded_where_none_is_needed(bris_scheduled, administrator):
    with pytest.raises(ValidationError) as exc:
        services.payment_allow(
            payment=first_payment(bris_scheduled), user=administrator, **DECISION
        )
    assert "inget beslut behövs" in " ".join(exc.value.messages)
    assert not PaymentAllowance.objects.exists()


def test_a_decision_needs_date_paragraph_and_who(bris_scheduled, administrator):
    set_status(bris_scheduled, Status.ENDED)
    with pytest.raises(ValidationError) as exc:
        services.payment_allow(
            payment=first_payment(bris_scheduled),
            user=administrator,
            decided_on=None,
            decision_paragraph="",
            decided_by=" ",
        )
    assert set(exc.value.message_dict) == {"decided_on", "decision_paragraph", "decided_by"}
    assert not PaymentAllowance.objects.exists()


def test_bulk_approve_refuses_all_before_signing(bris_scheduled, second_administrator):
    set_status(bris_scheduled, Status.DECIDED)
    payments = list(bris_scheduled.payments.all()[:2])
    with pytest.raises(services.BulkRefused) as exc:
        services.payments_bulk(payments=payments, action="approve", user=second_administrator)
    assert len(exc.value.refusals) == 2
    assert not Payment.objects.filter(status=PaymentStatus.APPROVED).exists()


def test_the_payment_page_says_why_and_records_the_decision(
    client, bris_scheduled, second_administrator
):
    set_status(bris_scheduled, Status.DECIDED)
    payment = first_payment(bris_scheduled)
    log_in(client, second_administrator)
    page = client.get(reverse("finance:payment", args=[payment.pk])).content.decode()
    assert "Avtalet är inte undertecknat än" in page
    assert reverse("finance:payment_approve", args=[payment.pk]) not in page
    url = reverse("finance:payment_allow", args=[payment.pk])
    response = client.post(url, {"decided_on": "", "decision_paragraph": "§ 4", "decided_by": "SN"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "§ 4" in content and 'value="SN"' in content
    assert not PaymentAllowance.objects.exists()
    response = client.post(
        url, {"decided_on": "2017-03-01", "decision_paragraph": "§ 4", "decided_by": "SN"}
    )
    assert response.status_code == 302
    page = client.get(reverse("finance:payment", args=[payment.pk])).content.decode()
    assert reverse("finance:payment_approve", args=[payment.pk]) in page


def test_another_bodys_payment_is_a_404(client, bris_scheduled, other_administrator):
    set_status(bris_scheduled, Status.DECIDED)
    payment = first_payment(bris_scheduled)
    log_in(client, other_administrator)
    url = reverse("finance:payment_allow", args=[payment.pk])
    response = client.post(
        url, {"decided_on": "2017-03-01", "decision_paragraph": "§ 4", "decided_by": "SN"}
    )
    assert response.status_code == 404
    assert not PaymentAllowance.objects.exists()


def test_lists_offer_approval_only_where_the_agreement_allows_it(
    client, bris_scheduled, administrator, second_administrator
):
    """The finance overview and the partnership's payment table show "Godkänn" only on
    payments the service would approve: not on an unsigned partnership's, except one a
    recorded decision allows."""
    payments = list(bris_scheduled.payments.order_by("due_date"))
    approve = [reverse("finance:payment_approve", args=[p.pk]) for p in payments]
    pages = [reverse("finance:overview"), reverse("finance:partnership", args=[bris_scheduled.pk])]
    log_in(client, second_administrator)
    assert approve[0] in client.get(pages[1]).content.decode()  # signed: offered

    set_status(bris_scheduled, Status.DECIDED)
    for url in pages:
        page = client.get(url).content.decode()
        # The payment is listed, without the button.
        assert reverse("finance:payment", args=[payments[0].pk]) in page, url
        assert not any(action in page for action in approve), url
    services.payment_allow(payment=payments[0], user=administrator, **DECISION)
    page = client.get(pages[1]).content.decode()
    assert approve[0] in page
    assert not any(action in page for action in approve[1:])

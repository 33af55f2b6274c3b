"""Issue 12, point 11: a termination's figures are the same on the preview page, in the stored
termination and on the finance page, and in the board's yearly summary PDF. A payment is kept
or paid back, never both in full: with refund terms (seed 001), only the days after the notice
period are paid back (or, not yet paid, taken off the kept payment)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance import services
from finance.constants import PaymentStatus
from finance.models import Termination
from reporting.selectors import yearly_summary
from reporting.services.documents import summary_document
from tests.reporting.conftest import pdf_text

from .conftest import D

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _plain(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def _pay(partnership, count, administrator, second_administrator):
    for payment in partnership.payments.order_by("covers_from")[:count]:
        services.payment_approve(payment=payment, user=second_administrator)
        services.payment_pay(payment=payment, user=administrator, paid_on=payment.due_date)


def test_the_preview_the_termination_and_the_pdf_agree(
    client, bris_scheduled, administrator, second_administrator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    services.terms_update(partnership=bris_scheduled, refund_on_termination=True, notice_months=3)
    # January–March, April–June and July–September 2017 are paid (177 958,25 kr each).
    _pay(bris_scheduled, 3, administrator, second_administrator)
    client.force_login(administrator)
    url = reverse("finance:terminate", args=[bris_scheduled.pk])
    data = {"party": "", "date": "2017-05-15", "reason": "Tvist som inte gick att lösa."}

    preview = _plain(client.post(url, {**data, "preview": "1"}).content.decode())
    # Notice until 15 August: the three paid quarters are kept; of July–September, the 46
    # days after the notice period (16 August–30 September) are paid back, not the whole.
    assert "Uppsägningstidens slut</dt><dd>2017-08-15" in preview
    assert "Utbetalningar som behålls</dt><dd>3 (533 874,75 kr)" in preview
    assert "Utbetalningar som stoppas</dt><dd>5 (889 791,25 kr)" in preview
    assert "Att betala tillbaka</dt><dd>88 979,13 kr" in preview
    assert '<td>2017-07-01 – 2017-09-30</td><td class="num">46</td>' in preview
    assert '2017-04-01 – 2017-06-30</td><td class="num">' not in preview  # kept, not asked back
    assert not Termination.objects.exists()

    response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    termination = Termination.objects.get()
    assert (termination.notice_end, termination.kept_count, termination.kept_amount) == (
        D(2017, 8, 15),
        3,
        Decimal("533874.75"),
    )
    assert (termination.stopped_count, termination.stopped_amount) == (5, Decimal("889791.25"))
    assert termination.reduced_amount == Decimal("0")
    assert termination.refund_amount == Decimal("88979.13")
    assert bris_scheduled.payments.filter(status=PaymentStatus.STOPPED).count() == 5
    page = _plain(
        client.get(reverse("finance:partnership", args=[bris_scheduled.pk])).content.decode()
    )
    assert "3 utbetalningar behålls (533 874,75 kr)." in page
    assert "5 utbetalningar stoppas (889 791,25 kr)." in page
    assert "Att betala tillbaka: 88 979,13 kr." in page

    bris_scheduled.refresh_from_db()
    text = pdf_text(summary_document(yearly_summary(bris_scheduled)))
    assert "Uppsägning" in text
    assert (
        "Hela partnerskapet 2017-05-15 2017-08-15 3 st, 533 874,75 kr 5 st, 889 791,25 kr "
        "88 979,13 kr"
    ) in text


def test_a_kept_payment_not_yet_paid_is_reduced_for_the_days_after_the_notice_period(
    bris_scheduled, administrator, second_administrator
):
    services.terms_update(partnership=bris_scheduled, refund_on_termination=True, notice_months=3)
    _pay(bris_scheduled, 2, administrator, second_administrator)
    plan = services.termination_preview(partnership=bris_scheduled, date=D(2017, 5, 15))
    assert plan.refunds == []
    assert [(r.payment.covers_from, r.days, r.amount) for r in plan.reductions] == [
        (D(2017, 7, 1), 46, Decimal("88979.13"))
    ]
    assert plan.keep_total == Decimal("444895.62")  # 3 × 177 958,25 − 88 979,13
    termination = services.termination_apply(
        partnership=bris_scheduled, date=D(2017, 5, 15), reason="Tvist", user=administrator
    )
    assert (termination.kept_amount, termination.reduced_amount) == (
        Decimal("444895.62"),
        Decimal("88979.13"),
    )
    third = bris_scheduled.payments.get(covers_from=D(2017, 7, 1))
    assert third.amount == Decimal("88979.12") and third.status == PaymentStatus.PLANNED

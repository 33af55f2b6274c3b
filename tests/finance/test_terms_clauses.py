"""The finance terms hold what the agreement's termination and other-income clauses print
(issue 13): the dispute rule and the fee for participants from other municipalities."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance.models import FinanceTerms

from .conftest import saved

pytestmark = pytest.mark.django_db


def _post(client, partnership, **changes):
    data = {
        "payment_frequency": "quarterly",
        "days_in_advance": 0,
        "notice_months": 3,
        "rounding": "ore",
        **changes,
    }
    return client.post(reverse("finance:terms", args=[partnership.pk]), data)


def test_terms_page_saves_the_dispute_rule_and_the_fee(client, administrator, bris):
    client.force_login(saved(administrator))
    response = _post(
        client,
        bris,
        refund_on_termination="on",
        dispute_ends_partnership="on",
        other_municipality_fee="5 000",
    )
    assert response.status_code == 302
    terms = FinanceTerms.objects.get(partnership=bris)
    assert terms.refund_on_termination and terms.dispute_ends_partnership
    assert terms.other_municipality_fee == Decimal("5000")


def test_a_negative_fee_is_refused_next_to_the_field_and_nothing_is_saved(
    client, administrator, bris
):
    client.force_login(saved(administrator))
    response = _post(client, bris, dispute_ends_partnership="on", other_municipality_fee="-5")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Beloppet kan inte vara negativt." in content
    assert 'value="-5"' in content
    terms = FinanceTerms.objects.filter(partnership=bris).first()
    assert terms is None or not terms.dispute_ends_partnership

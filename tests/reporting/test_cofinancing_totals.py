"""Co-financing in the agreement and the memo (issue 13, point 3): a table with a total per
period (Decimal, to the öre), and a contribution in kind without a value says so in words."""

import datetime
from decimal import Decimal

import pytest

from finance.models import BudgetPeriod, CoFinancing
from reporting.selectors import agreement_snapshot
from reporting.services import memos
from reporting.services.documents import agreement_document, memo_document

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def cofinanced(minors):
    """Seed 004: about 1 000 000 kr for the first period, 1 728 000 kr a year after it; here
    250 000 kr each the first period, and in 2018 two amounts (one with öre) and volunteers
    without a value. The public body's own contribution is in its own table."""
    first = BudgetPeriod.objects.get(partnership=minors, start=datetime.date(2017, 9, 1))
    yearly = BudgetPeriod.objects.get(partnership=minors, start=datetime.date(2018, 1, 1))
    parties = {p.organisation.name: p for p in minors.parties.select_related("organisation")}
    for name in ("Barnrättsbyrån", "Rädda Barnen", "Röda korset", "Stockholms stadsmission"):
        CoFinancing.objects.create(party=parties[name], period=first, amount=Decimal("250000"))
    CoFinancing.objects.create(
        party=parties["Rädda Barnen"], period=yearly, amount=Decimal("864000.50")
    )
    CoFinancing.objects.create(
        party=parties["Röda korset"], period=yearly, valuation=Decimal("863999.50")
    )
    CoFinancing.objects.create(
        party=parties["Stockholms stadsmission"], period=yearly, in_kind="Volontärer"
    )
    CoFinancing.objects.create(
        party=parties[minors.public_body.name],
        period=yearly,
        in_kind="Lokaler",
        amount=Decimal("120000"),
    )
    return minors


def test_the_agreement_totals_each_period(cofinanced):
    text = pdf_text(agreement_document(agreement_snapshot(cofinanced)))
    assert (
        "Stockholms stadsmission 1 september – 31 december 2017 Egenfinansiering 250 000 kr "
        "Summa 1 september – 31 december 2017 1 000 000 kr"
    ) in text
    # Some contribution of 2018 has no value: the total says it counts the valued ones.
    assert "Stockholms stadsmission år 2018 Volontärer ej värderad" in text
    assert "Summa värderade insatser år 2018 1 728 000 kr" in text
    # The public body's single contribution has no total row of its own.
    public = text.index("bidrar därutöver med")
    assert "år 2018 Lokaler 120 000 kr" in text[public:]
    assert "Summa" not in text[public : text.index("120 000 kr", public)]


def test_the_memo_totals_each_period(cofinanced, administrator):
    fields = memos.memo_prefill(partnership=cofinanced, user=administrator)
    memo = memos.memo_create(partnership=cofinanced, **fields, official_1_name="Gillis Hammar")
    text = pdf_text(memo_document(memo, facts=agreement_snapshot(cofinanced)))
    assert "Summa 1 september – 31 december 2017 1 000 000 kr" in text
    assert "Stockholms stadsmission Volontärer år 2018 ej värderad" in text
    assert "Summa värderade insatser år 2018 1 728 000 kr" in text
    assert text.count("Summa värderade insatser år 2018") == 1

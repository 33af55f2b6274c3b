"""Demo budgets and payment schedules for the three seed partnerships (idempotent).

Called by `manage.py load_demo_data` after the core data. Figures:
- Bris (seed 001): 711 833 kr/year in the four budget lines of the agreement; seed figures.
- Unaccompanied minors (seed 004): 1 540 640 kr for 2017-09-01–12-31 and 5 888 920 kr for 2018
  are the seed's totals; how they are split over the four organisations, and the 2019-01-01–
  08-31 amount (3 925 947 kr), are DEMO FIGURES. So is the split of the co-financing.
- EU citizens (seed 002): the per-appendix amounts are not in the seed; all are DEMO FIGURES.
- Organisations without a bankgiro get a FICTITIOUS demo bankgiro so payments can be shown.
"""

import contextlib
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from finance.constants import PaymentStatus, PeriodBasis
from finance.models import Budget, BudgetPeriod, CoFinancing, OtherIncome, Termination
from finance.services import (
    budget_periods_generate,
    budget_save,
    cofinancing_save,
    other_income_record,
    payment_approve,
    payment_pay,
    schedule_generate,
    terms_update,
)
from organisations.models import Relation, relation_for
from organisations.services import giro_change_confirm, relation_update
from partnerships.constants import AppendixStatus
from partnerships.guards import provided_for_by_the_agreement
from partnerships.models import Partnership

BRIS_LINES = [
    ("Personal", Decimal("678833")),
    ("Material", Decimal("8000")),
    ("Mat och dryck", Decimal("15000")),
    ("Resekostnader", Decimal("10000")),
]

# Luhn-valid but made up; flagged as demo values in the output.
DEMO_BANKGIRO = [
    "11100005",
    "22200000",
    "33300005",
    "44400000",
    "55500003",
    "66600008",
    "77700003",
    "88800008",
    "99900003",
    "10100006",
    "20200002",
    "30300008",
]

# Organisation number → amount per budget period, in period order.
UAM_BUDGETS = {
    "8024906771": ["231096", "883338", "588892"],  # Barnrättsbyrån
    "8020028638": ["385160", "1472230", "981487"],  # Rädda Barnen
    "8020031954": ["539224", "2061122", "1374081"],  # Stockholms stadsmission
    "8020028711": ["385160", "1472230", "981487"],  # Röda korset
}
UAM_CO_FINANCING = ["250000", "432000", "288000"]
EU_BUDGETS = {
    "8020121581": "1200000",  # Convictus
    "8020008713": "900000",  # Filadelfiaförsamlingen
    "8020061688": "1100000",  # Frälsningsarmén
    "8020061019": "800000",  # Ny Gemenskap
    "8020031954": "1500000",  # Stockholms stadsmission
}


def _find(*, registry_number: str, title_start: str) -> Partnership | None:
    return (
        Partnership.objects.filter(registry_number=registry_number).first()
        or Partnership.objects.filter(title__startswith=title_start).first()
    )


def _current_appendix(party):
    return party.appendices.filter(status=AppendixStatus.CURRENT).first()


def _ensure_giro(partnership, write) -> None:
    """A fictitious bankgiro in the partnership's body's own relation with each organisation
    that has none there."""
    body = partnership.public_body
    used = set(Relation.objects.exclude(bankgiro="").values_list("bankgiro", flat=True))
    free = [number for number in DEMO_BANKGIRO if number not in used]
    for party in partnership.parties.filter(is_public=False).select_related("organisation"):
        organisation = party.organisation
        relation = relation_for(body, organisation)
        if relation.bankgiro or relation.plusgiro or not free:
            continue
        number = free.pop(0)
        # Proposed by no one (the demo loader) and confirmed by the demo administrator, as the
        # two-person rule for giro changes asks.
        relation = relation_update(body=body, organisation=organisation, bankgiro=number)
        confirmer = get_user_model().objects.filter(username="administrator").first()
        change = relation.giro_changes.pending().first()
        if change is not None and confirmer is not None:
            giro_change_confirm(change=change, user=confirmer)
        write(f"  {organisation.name}: fictitious DEMO bankgiro {number[:-4]}-{number[-4:]}")


def _periods(partnership, basis) -> list[BudgetPeriod]:
    if not partnership.budget_periods.exists():
        budget_periods_generate(partnership=partnership, basis=basis)
    return list(partnership.budget_periods.all())


def _budget(appendix, period, *, lines=None, total=None) -> None:
    if appendix is None or Budget.objects.filter(appendix=appendix, period=period).exists():
        return
    budget_save(appendix=appendix, period=period, lines=lines or [], total=total)


def _schedule(partnership) -> None:
    if Termination.objects.filter(partnership=partnership, party__isnull=True).exists():
        return
    schedule_generate(partnership=partnership, user=None)


def _pay_due(partnership, write) -> None:
    """A running partnership's history: every payment due by today approved by the demo
    administrator and paid on its due date (the schedule itself was prepared by no one, so
    the two-person rule holds)."""
    approver = get_user_model().objects.filter(username="administrator").first()
    if approver is None:
        return
    today = timezone.localdate()
    due = partnership.payments.filter(due_date__lte=today).order_by("due_date", "pk")
    paid = 0
    for payment in due.filter(status=PaymentStatus.PLANNED):
        payment = payment_approve(payment=payment, user=approver)
        payment_pay(payment=payment, user=approver, paid_on=payment.due_date)
        paid += 1
    if paid:
        write(f"  {partnership.registry_number}: {paid} payment(s) due by {today} paid.")


def _as_on_paper(partnership):
    """Bris's agreement was signed on paper (demo/agreements.py) with the budget and terms of
    seed 001: registering them afterwards records what the signed paper says, it does not
    change the agreement, so the freeze does not apply (a re-run writes the same values)."""
    if partnership.agreement_versions.filter(signed_on_paper=True).exists():
        return provided_for_by_the_agreement(partnership)
    return contextlib.nullcontext()


def _bris(write) -> None:
    partnership = _find(registry_number="DEMO-1/2016", title_start="Stödgrupper")
    if partnership is None:
        return
    with _as_on_paper(partnership):
        _bris_finance(partnership, write)


def _bris_finance(partnership, write) -> None:
    # Seed 001 §4.5: refund less the work done; an unresolved dispute ends the partnership.
    # §3.2: children from other municipalities for 5 000 kr each.
    terms_update(
        partnership=partnership,
        refund_on_termination=True,
        dispute_ends_partnership=True,
        other_municipality_fee=Decimal("5000"),
    )
    _ensure_giro(partnership, write)
    periods = _periods(partnership, PeriodBasis.CONTRACT_YEAR)
    public = partnership.parties.get(is_public=True)
    for party in partnership.parties.filter(is_public=False):
        for period in periods:
            _budget(_current_appendix(party), period, lines=BRIS_LINES)
            cofinancing_save(
                party=party, period=period, in_kind="Metod, stödgruppsledare och volontärer"
            )
    for period in periods:
        cofinancing_save(
            party=public, period=period, in_kind="Lokaler, arbetsledning och samordning"
        )
    if not OtherIncome.objects.filter(partnership=partnership).exists():
        other_income_record(
            partnership=partnership,
            period=periods[0],
            payer="Exempelkommun (demo)",
            children=2,
            amount_per_child=Decimal("5000"),
            note="Demouppgift",
        )
    _schedule(partnership)


def _by_org_number(partnership, table, periods, write) -> None:
    _ensure_giro(partnership, write)
    for party in partnership.parties.filter(is_public=False).select_related("organisation"):
        amounts = table.get(party.organisation.org_number)
        if amounts is None:
            continue
        if isinstance(amounts, str):
            amounts = [amounts] * len(periods)
        for period, amount in zip(periods, amounts, strict=False):
            _budget(_current_appendix(party), period, total=Decimal(amount))


def _unaccompanied_minors(write) -> None:
    partnership = _find(registry_number="DEMO-2/2017", title_start="Verksamhet för ensamkommande")
    if partnership is None:
        return
    periods = _periods(partnership, PeriodBasis.CALENDAR_YEAR)
    _by_org_number(partnership, UAM_BUDGETS, periods, write)
    for party in partnership.parties.filter(is_public=False):
        for period, amount in zip(periods, UAM_CO_FINANCING, strict=False):
            if not CoFinancing.objects.filter(party=party, period=period).exists():
                cofinancing_save(party=party, period=period, amount=Decimal(amount))
    _schedule(partnership)


def _eu_citizens(write) -> None:
    partnership = _find(registry_number="156-139/2015", title_start="Humanitärt stöd")
    if partnership is None:
        return
    periods = _periods(partnership, PeriodBasis.CONTRACT_YEAR)
    _by_org_number(partnership, EU_BUDGETS, periods, write)
    _schedule(partnership)


@transaction.atomic
def load(*, stdout=None) -> None:
    def write(text):
        if stdout is not None:
            stdout.write(text)

    write("Finance demo data (budgets and payment schedules; see finance/demo.py for sources):")
    _bris(write)
    _unaccompanied_minors(write)
    _eu_citizens(write)


@transaction.atomic
def load_payments(*, stdout=None) -> None:
    """Once Bris's agreement is signed (no payment goes out before): its due payments paid."""
    partnership = _find(registry_number="DEMO-1/2016", title_start="Stödgrupper")
    if partnership is not None:
        _pay_due(partnership, lambda text: stdout.write(text) if stdout is not None else None)

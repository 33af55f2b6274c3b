"""Reads for the finance pages: sums are computed in the database."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, F, IntegerField, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from organisations.models import Organisation
from organisations.roles import roles_for
from partnerships.constants import AppendixStatus
from partnerships.models import Appendix, Partnership
from partnerships.selectors import prefetched_parties

from .constants import OPEN_PAYMENT_STATUSES, PaymentStatus
from .models import Budget, BudgetPeriod, CoFinancing, OtherIncome, Payment

ZERO = Decimal("0")
MONEY = DecimalField(max_digits=16, decimal_places=2)


def _sum(expression, **kwargs):
    return Coalesce(Sum(expression, **kwargs), ZERO, output_field=MONEY)


@dataclass
class Figures:
    budget: Decimal = ZERO
    co_financing: Decimal = ZERO
    in_kind: Decimal = ZERO
    paid: Decimal = ZERO
    to_pay: Decimal = ZERO
    other_income: Decimal = ZERO

    def add(self, other: "Figures") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class OrganisationRow:
    party: object
    figures: Figures


@dataclass
class PeriodSummary:
    period: BudgetPeriod
    rows: list[OrganisationRow] = field(default_factory=list)
    totals: Figures = field(default_factory=Figures)
    other_income: Decimal = ZERO


@dataclass
class PartnershipSummary:
    periods: list[PeriodSummary]
    totals: Figures


def partnership_summary(
    *, partnership: Partnership, organisation_ids: frozenset[int] | None = None
) -> PartnershipSummary:
    """Per budget period and per organisation: budget, co-financing (money and valued in
    kind), paid, still to pay; other income per period. Two queries whatever the size (the
    periods; the sums, a union of four grouped queries), none for the parties when the
    partnership comes with them prefetched (partnerships.selectors.detail_queryset).
    `organisation_ids` limits the organisations shown (a representative's own)."""
    only = Q() if organisation_ids is None else Q(party__organisation_id__in=organisation_ids)
    only_budget = (
        Q()
        if organisation_ids is None
        else Q(appendix__party__organisation_id__in=organisation_ids)
    )
    periods = list(BudgetPeriod.objects.filter(partnership=partnership))
    parties = {party.pk: party for party in prefetched_parties(partnership)}
    figures: dict[tuple[int, int], Figures] = defaultdict(Figures)
    income: dict[int, Decimal] = {}

    def per_period_and_party(model, condition, party, kind, first, second):
        return (
            model.objects.filter(condition)
            .order_by()
            .annotate(party_pk=party)
            .values("period_id", "party_pk")
            .annotate(kind=Value(kind), first=first, second=second)
        )

    nothing = Value(ZERO, output_field=MONEY)
    no_party = Value(None, output_field=IntegerField())
    # One query: a union of the four grouped sums.
    sums = per_period_and_party(
        Budget,
        only_budget & Q(period__partnership=partnership),
        F("appendix__party_id"),
        "budget",
        _sum("total"),
        nothing,
    ).union(
        per_period_and_party(
            CoFinancing,
            only & Q(period__partnership=partnership),
            F("party_id"),
            "co",
            _sum("amount"),
            _sum("valuation"),
        ),
        per_period_and_party(
            Payment,
            only & Q(partnership=partnership),
            F("party_id"),
            "payments",
            _sum("amount", filter=Q(status=PaymentStatus.PAID)),
            _sum("amount", filter=Q(status__in=OPEN_PAYMENT_STATUSES)),
        ),
        per_period_and_party(
            OtherIncome, Q(partnership=partnership), no_party, "income", _sum("total"), nothing
        ),
        all=True,
    )
    for row in sums:
        if row["kind"] == "income":
            income[row["period_id"]] = row["first"]
            continue
        entry = figures[(row["period_id"], row["party_pk"])]
        if row["kind"] == "budget":
            entry.budget = row["first"]
        elif row["kind"] == "co":
            entry.co_financing, entry.in_kind = row["first"], row["second"]
        else:
            entry.paid, entry.to_pay = row["first"], row["second"]
    summaries = []
    totals = Figures()
    for period in periods:
        summary = PeriodSummary(period=period, other_income=income.get(period.pk, ZERO))
        for party in sorted(parties.values(), key=lambda p: (not p.is_public, p.organisation.name)):
            entry = figures.get((period.pk, party.pk))
            if entry is None:
                continue
            summary.rows.append(OrganisationRow(party=party, figures=entry))
            summary.totals.add(entry)
        summary.totals.other_income = summary.other_income
        totals.add(summary.totals)
        summaries.append(summary)
    return PartnershipSummary(periods=summaries, totals=totals)


@dataclass
class YearRow:
    year: int
    figures: Figures


def body_overview(*, user, payments: list[dict]) -> list[YearRow]:
    """Totals per year over what the user may see: their bodies' partnerships, and a
    representative's own organisation's figures in the partnerships of the bodies that
    invited them. A year is the year its budget period starts. Budgets, co-financing and other
    income come in one query (a union of three grouped ones); the payments are `payments`,
    the rows of finance.queue.payment_groups."""
    roles = roles_for(user)
    body = "partnership__public_body_id"
    only_period = roles.reach_q(
        body_field=f"period__{body}", organisation_field="party__organisation_id"
    )
    only_budget = roles.reach_q(
        body_field=f"period__{body}", organisation_field="appendix__party__organisation_id"
    )
    # Other income is the administration's own record: its staff only.
    only_income = roles.staff_q(body) if roles.is_staff_member else Q(pk__in=[])

    def per_year(model, condition, kind, first, second):
        return (
            model.objects.filter(condition)
            .order_by()
            .annotate(year=ExtractYear("period__start"))
            .values("year")
            .annotate(kind=Value(kind), first=first, second=second)
        )

    nothing = Value(ZERO, output_field=MONEY)
    sums = per_year(Budget, only_budget, "budget", _sum("total"), nothing).union(
        per_year(CoFinancing, only_period, "co", _sum("amount"), _sum("valuation")),
        per_year(OtherIncome, only_income, "income", _sum("total"), nothing),
        all=True,
    )
    years: dict[int, Figures] = defaultdict(Figures)
    for row in sums:
        figures = years[row["year"]]
        if row["kind"] == "budget":
            figures.budget = row["first"]
        elif row["kind"] == "co":
            figures.co_financing, figures.in_kind = row["first"], row["second"]
        else:
            figures.other_income = row["first"]
    for row in payments:
        figures = years[row["period_year"]]
        if row["status"] == PaymentStatus.PAID:
            figures.paid += row["amount"]
        elif row["status"] in OPEN_PAYMENT_STATUSES:
            figures.to_pay += row["amount"]
    return [YearRow(year=year, figures=years[year]) for year in sorted(years)]


@dataclass
class GridCell:
    party: object
    appendix: Appendix | None
    budget: Budget | None
    co_financing: CoFinancing | None


@dataclass
class GridRow:
    period: BudgetPeriod
    cells: list[GridCell]


def budget_grid(
    *, partnership: Partnership, organisation_ids: frozenset[int] | None = None
) -> list[GridRow]:
    """The finance page's table: per budget period, per party, its appendix in force, budget
    (with lines) and co-financing. Five queries whatever the size; `organisation_ids` limits
    the parties shown (a representative's own)."""
    parties = partnership.parties.select_related("organisation").prefetch_related(
        Prefetch("appendices", queryset=Appendix.objects.filter(status=AppendixStatus.CURRENT))
    )
    budgets = (
        Budget.objects.filter(period__partnership=partnership)
        .select_related("appendix__party", "period")
        .prefetch_related("lines")
    )
    co_financing = CoFinancing.objects.filter(period__partnership=partnership)
    if organisation_ids is not None:
        parties = parties.filter(organisation_id__in=organisation_ids)
        budgets = budgets.filter(appendix__party__organisation_id__in=organisation_ids)
        co_financing = co_financing.filter(party__organisation_id__in=organisation_ids)
    budget_by_key = {(b.appendix.party_id, b.period_id): b for b in budgets}
    co_by_key = {(c.party_id, c.period_id): c for c in co_financing}
    parties = list(parties)
    return [
        GridRow(
            period=period,
            cells=[
                GridCell(
                    party=party,
                    appendix=next(iter(party.appendices.all()), None),
                    budget=budget_by_key.get((party.pk, period.pk)),
                    co_financing=co_by_key.get((party.pk, period.pk)),
                )
                for party in parties
            ],
        )
        for period in BudgetPeriod.objects.filter(partnership=partnership)
    ]


def payments_due(*, user, days: int = 30, today: datetime.date | None = None):
    """Planned and approved payments due within `days` (overdue ones included)."""
    today = today or timezone.localdate()
    return (
        Payment.objects.visible_to(user)
        .open()
        .filter(due_date__lte=today + datetime.timedelta(days=days))
        .for_list()
        .order_by("due_date", "party__organisation__name")
    )


def sie_bodies(*, user):
    """The public bodies whose SIE batches the user reads (their own staff's bodies)."""
    roles = roles_for(user)
    return Organisation.objects.public_bodies().filter(pk__in=roles.staff_of).order_by("name")

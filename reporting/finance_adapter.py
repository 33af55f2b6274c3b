"""The one place the documents read the finance app: budgets per period and organisation,
payment terms, co-financing and payments made. Returns JSON-ready data."""

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce

from finance.constants import PaymentStatus
from finance.models import Budget, BudgetLine, BudgetPeriod, CoFinancing, FinanceTerms, Payment
from partnerships.models import Partnership


def _money(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def finance_for(partnership: Partnership, *, empty: dict, with_payments: bool = False) -> dict:
    result = dict(empty)
    terms = FinanceTerms.objects.filter(partnership=partnership).first()
    if terms is not None:
        result["payment_frequency"] = terms.payment_frequency
        result["notice_months"] = terms.notice_months
        result["in_advance"] = True
    periods = BudgetPeriod.objects.filter(partnership=partnership).prefetch_related(
        Prefetch(
            "budgets",
            queryset=Budget.objects.filter(appendix__party__left_on__isnull=True)
            .select_related("appendix__party__organisation")
            .prefetch_related(Prefetch("lines", queryset=BudgetLine.objects.order_by("pk")))
            .order_by("appendix__number"),
        )
    )
    years = []
    grand_total = Decimal("0")
    for period in periods:
        organisations = []
        for budget in period.budgets.all():
            organisation = budget.appendix.party.organisation
            lines = [
                {"label": line.category, "amount": _money(line.amount)}
                for line in budget.lines.all()
            ] or [{"label": "Ersättning", "amount": _money(budget.total)}]
            organisations.append(
                {
                    "organisation_id": organisation.pk,
                    "name": organisation.name,
                    "appendix_number": budget.appendix.number,
                    "lines": lines,
                    "total": _money(budget.total),
                }
            )
        if not organisations:
            continue
        total = sum((Decimal(o["total"]) for o in organisations), Decimal("0"))
        grand_total += total
        years.append(
            {
                "label": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "organisations": organisations,
                "total": _money(total),
            }
        )
    result["years"] = years
    result["total"] = _money(grand_total) if years else None
    result["cofinancing"] = [
        {
            "organisation": c.party.organisation.name,
            "organisation_id": c.party.organisation_id,
            "description": c.in_kind,
            "amount": _money(c.amount if c.amount is not None else c.valuation),
            "period": c.period.label,
            "period_start": c.period.start.isoformat(),
        }
        for c in CoFinancing.objects.filter(party__partnership=partnership)
        .select_related("party__organisation", "period")
        .order_by("period__start", "party__organisation__name")
    ]
    if not with_payments:
        return result
    result["payments"] = [
        {
            "organisation": p.party.organisation.name,
            "organisation_id": p.party.organisation_id,
            "org_number": p.party.organisation.org_number_display,
            "amount": _money(p.amount),
            "paid_on": p.paid_on.isoformat() if p.paid_on else None,
            "period_start": p.period.start.isoformat(),
        }
        for p in Payment.objects.filter(partnership=partnership, status=PaymentStatus.PAID)
        .select_related("party__organisation", "period")
        .order_by("paid_on", "pk")
    ]
    return result


# --- Open data -------------------------------------------------------------------------------


def _sum_of(queryset, group_by: str, field: str):
    """A correlated subquery: the sum of `field` over `queryset`, one row per outer row."""
    return Subquery(
        queryset.order_by().values(group_by).annotate(total=Sum(field)).values("total"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def with_open_data(queryset):
    """The published partnerships with what open data prints from the finance app, summed in
    the database: `amount_awarded` (budgets of the current parties), `amount_disbursed`
    (payments made), and prefetched `open_data_periods` (each with `budget_total`) and
    `paid_payments`. A fixed number of queries, however many partnerships."""
    zero = Decimal("0")
    current_budgets = Budget.objects.filter(appendix__party__left_on__isnull=True)
    paid = Payment.objects.filter(status=PaymentStatus.PAID)
    budgets_of_partnership = current_budgets.filter(period__partnership=OuterRef("pk"))
    budgets_of_period = current_budgets.filter(period=OuterRef("pk"))
    return queryset.annotate(
        amount_awarded=Coalesce(
            _sum_of(budgets_of_partnership, "period__partnership", "total"), zero
        ),
        amount_disbursed=Coalesce(
            _sum_of(paid.filter(partnership=OuterRef("pk")), "partnership", "amount"), zero
        ),
    ).prefetch_related(
        Prefetch(
            "budget_periods",
            queryset=BudgetPeriod.objects.annotate(
                budget_total=_sum_of(budgets_of_period, "period", "total")
            )
            .filter(budget_total__isnull=False)
            .order_by("start"),
            to_attr="open_data_periods",
        ),
        Prefetch(
            "payments",
            queryset=paid.select_related("party__organisation", "period").order_by("paid_on", "pk"),
            to_attr="paid_payments",
        ),
    )

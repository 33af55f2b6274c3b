"""The one place the documents read the finance app: budgets per period and organisation,
payment terms, co-financing and payments made. Returns JSON-ready data."""

from decimal import Decimal

from django.db.models import F, Prefetch, Q, Sum

from finance.constants import PaymentStatus
from finance.models import (
    Budget,
    BudgetLine,
    BudgetPeriod,
    CoFinancing,
    FinanceTerms,
    Payment,
    Termination,
)
from partnerships.models import Partnership


def _money(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def finance_for(partnership: Partnership, *, empty: dict, with_payments: bool = False) -> dict:
    result = dict(empty)
    if hasattr(partnership, "loaded_finance_terms"):
        # Loaded with the partnership (reporting.selectors.partnership_for_documents).
        terms = partnership.loaded_finance_terms
    else:
        terms = FinanceTerms.objects.filter(partnership=partnership).first()
    if terms is not None:
        result["payment_frequency"] = terms.payment_frequency
        result["notice_months"] = terms.notice_months
        # What the termination and other-income clauses print.
        result["refund_on_termination"] = terms.refund_on_termination
        result["dispute_ends_partnership"] = terms.dispute_ends_partnership
        result["other_municipality_fee"] = _money(terms.other_municipality_fee)
        result["in_advance"] = True
    # The budgets with their periods (a period without a budget prints nothing): one query,
    # and one for the lines.
    budgets = (
        Budget.objects.filter(
            period__partnership=partnership, appendix__party__left_on__isnull=True
        )
        .select_related("period", "appendix__party__organisation")
        .prefetch_related(Prefetch("lines", queryset=BudgetLine.objects.order_by("pk")))
        .order_by("period__start", "period_id", "appendix__number")
    )
    per_period: dict[int, tuple[BudgetPeriod, list[Budget]]] = {}
    for budget in budgets:
        per_period.setdefault(budget.period_id, (budget.period, []))[1].append(budget)
    years = []
    grand_total = Decimal("0")
    for period, period_budgets in per_period.values():
        organisations = []
        for budget in period_budgets:
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
            "is_public": c.party.is_public,
            "description": c.in_kind,
            "amount": _money(c.amount if c.amount is not None else c.valuation),
            "period": c.period.label,
            "period_start": c.period.start.isoformat(),
            "period_end": c.period.end.isoformat(),
        }
        for c in CoFinancing.objects.filter(party__partnership=partnership)
        .select_related("party__organisation", "period")
        .order_by("period__start", "party__organisation__name")
    ]
    if not with_payments:
        return result
    # The figures each termination stored when it was applied (what its preview showed).
    result["terminations"] = [
        {
            "organisation": t.party.organisation.name if t.party_id else None,
            "date": t.date.isoformat(),
            "notice_end": t.notice_end.isoformat(),
            "kept_count": t.kept_count,
            "kept_amount": _money(t.kept_amount),
            "reduced_amount": _money(t.reduced_amount),
            "stopped_count": t.stopped_count,
            "stopped_amount": _money(t.stopped_amount),
            "refund_amount": _money(t.refund_amount),
        }
        for t in Termination.objects.filter(partnership=partnership)
        .select_related("party__organisation")
        .order_by("date", "pk")
    ]
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


def open_data_budgets(partnership_ids) -> list[dict]:
    """What each organisation party was awarded, per budget period, summed in the database:
    its budgets (every appendix of the party) for the periods it takes part in (a party that
    has left keeps the periods that began before it left). One query for a chunk of
    partnerships; rows `(party, start, end, amount)`."""
    return list(
        Budget.objects.filter(
            period__partnership_id__in=partnership_ids, appendix__party__is_public=False
        )
        .filter(
            Q(appendix__party__left_on__isnull=True)
            | Q(period__start__lte=F("appendix__party__left_on"))
        )
        .values("appendix__party_id", "period__start", "period__end")
        .annotate(amount=Sum("total"))
        .values_list("appendix__party_id", "period__start", "period__end", "amount")
        .order_by("period__start", "appendix__party_id")
    )


def open_data_payments(partnership_ids) -> list[tuple]:
    """The payments made to the organisations of a chunk of partnerships, in one query:
    `(party, paid on, amount)` in the order they were paid."""
    return list(
        Payment.objects.filter(partnership_id__in=partnership_ids, status=PaymentStatus.PAID)
        .order_by("paid_on", "pk")
        .values_list("party_id", "paid_on", "amount")
    )


def open_data_sources() -> dict:
    """The finance tables whose history moves when a published figure changes."""
    return {"budget_period": BudgetPeriod, "budget": Budget, "payment": Payment}

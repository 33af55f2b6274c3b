"""Budget periods, budgets with their lines, co-financing and other income."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from common.formatting import format_kronor
from common.versions import Rows, Versioned, check_version
from finance.constants import PaymentStatus, PeriodBasis
from finance.models import Budget, BudgetLine, BudgetPeriod, CoFinancing, OtherIncome, Payment
from partnerships.guards import ensure_changes_allowed
from partnerships.models import Appendix, Partnership, Party

from .dates import ONE_DAY, steps

# What the budget and co-financing forms cover (common.versions).
BUDGET_VERSION = Versioned(Budget, ("total",), rows=(Rows("lines", ("category", "amount")),))
COFINANCING_VERSION = Versioned(CoFinancing, ("amount", "in_kind", "valuation"))


def check_money(value: Decimal | None, *, field: str) -> None:
    """Forms already refuse these; services refuse them again for every other caller."""
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValidationError({field: _("Enter an amount in kronor, for example 8000 or 8000,50.")})
    if value < 0:
        raise ValidationError({field: _("The amount cannot be negative.")})
    if value.as_tuple().exponent < -2:
        raise ValidationError({field: _("Enter at most two decimals (öre).")})


def period_label(start: datetime.date, end: datetime.date) -> str:
    if start.month == 1 and start.day == 1 and end == datetime.date(start.year, 12, 31):
        return str(start.year)
    return f"{start.isoformat()} – {end.isoformat()}"


def _check_period(*, partnership: Partnership, start, end, exclude_pk=None) -> None:
    errors = {}
    if start < partnership.start_date or start > partnership.end_date:
        errors["start"] = _(
            "The period must lie within the partnership's period (%(s)s – %(e)s)."
        ) % {
            "s": partnership.start_date.isoformat(),
            "e": partnership.end_date.isoformat(),
        }
    if end < start:
        errors["end"] = _("The period cannot end before it starts.")
    elif end > partnership.end_date:
        errors["end"] = _(
            "The period must lie within the partnership's period (%(s)s – %(e)s)."
        ) % {
            "s": partnership.start_date.isoformat(),
            "e": partnership.end_date.isoformat(),
        }
    if errors:
        raise ValidationError(errors)
    clash = BudgetPeriod.objects.filter(partnership=partnership).overlapping(start=start, end=end)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"start": _("The period overlaps budget period %(label)s.") % {"label": clash[0].label}}
        )


@transaction.atomic
def budget_period_create(
    *, partnership: Partnership, start: datetime.date, end: datetime.date, label: str = ""
) -> BudgetPeriod:
    ensure_changes_allowed(partnership)
    _check_period(partnership=partnership, start=start, end=end)
    period = BudgetPeriod(
        partnership=partnership, start=start, end=end, label=label or period_label(start, end)
    )
    period.full_clean(validate_constraints=False, validate_unique=False)
    period.save()
    return period


def period_spans(
    *, start: datetime.date, end: datetime.date, basis: str
) -> list[tuple[datetime.date, datetime.date]]:
    if basis == PeriodBasis.CONTRACT_YEAR:
        return [(span_from, span_to) for span_from, span_to, _full in steps(start, end, 12)]
    if basis == PeriodBasis.CALENDAR_YEAR:
        spans = []
        span_from = start
        while span_from <= end:
            span_to = min(datetime.date(span_from.year, 12, 31), end)
            spans.append((span_from, span_to))
            span_from = span_to + ONE_DAY
        return spans
    raise ValidationError({"basis": _("Choose contract years or calendar years.")})


@transaction.atomic
def budget_periods_generate(*, partnership: Partnership, basis: str) -> list[BudgetPeriod]:
    """Cover the partnership's period with budget periods: contract years counted from the
    start date (the last one cut at the end date), or calendar years with a short first
    and/or last period. Replaces existing periods only while nothing hangs on them."""
    ensure_changes_allowed(partnership)
    existing = BudgetPeriod.objects.filter(partnership=partnership)
    in_use = (
        existing.filter(budgets__isnull=False).exists()
        or existing.filter(payments__isnull=False).exists()
        or existing.filter(co_financing__isnull=False).exists()
        or existing.filter(other_income__isnull=False).exists()
    )
    if in_use:
        raise ValidationError(
            {
                "basis": _(
                    "The budget periods already carry budgets or payments and cannot be "
                    "generated again."
                )
            }
        )
    spans = period_spans(start=partnership.start_date, end=partnership.end_date, basis=basis)
    existing.delete()
    return [
        budget_period_create(partnership=partnership, start=span_from, end=span_to)
        for span_from, span_to in spans
    ]


def period_has_locked_payments(*, period: BudgetPeriod, party: Party) -> bool:
    return Payment.objects.filter(
        period=period, party=party, status__in=(PaymentStatus.APPROVED, PaymentStatus.PAID)
    ).exists()


@transaction.atomic
def budget_save(
    *,
    appendix: Appendix,
    period: BudgetPeriod,
    lines: Iterable[tuple[str, Decimal]],
    total: Decimal | None = None,
    user=None,
    version: str | None = None,
) -> Budget:
    """Set an organisation's budget for a period from its lines. An entered total must equal
    the sum of the lines; a budget without lines needs a total. A short period carries its
    own entered amount: nothing is computed pro rata. `version` (BUDGET_VERSION), when given,
    is what the form showed: a save over a newer one is refused (common.versions)."""
    party = appendix.party
    partnership = party.partnership
    # The appendix's row first, so two saves (the first ones too) of a budget queue up.
    list(Appendix.objects.select_for_update().filter(pk=appendix.pk).values("pk"))
    check_version(
        version,
        Budget.objects.select_for_update().filter(appendix=appendix, period=period).first(),
        model=Budget,
    )
    ensure_changes_allowed(partnership)
    lines = [(category.strip(), amount) for category, amount in lines if category.strip()]
    if period.partnership_id != partnership.pk:
        raise ValidationError({NON_FIELD_ERRORS: _("The period belongs to another partnership.")})
    if party.is_public:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "The public party pays the compensation: record its own contribution as "
                    "co-financing."
                )
            }
        )
    if period.start < partnership.start_date or period.end > partnership.end_date:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("The budget period lies outside the partnership's period.")}
        )
    check_money(total, field="total")
    for _category, amount in lines:
        check_money(amount, field=NON_FIELD_ERRORS)
    if not lines and total is None:
        raise ValidationError({NON_FIELD_ERRORS: _("Enter at least one budget line or a total.")})
    line_sum = sum((amount for _category, amount in lines), Decimal("0"))
    if lines and total is not None and line_sum != total:
        raise ValidationError(
            {
                "total": _("The budget lines add up to %(sum)s, not the entered total %(total)s.")
                % {"sum": format_kronor(line_sum), "total": format_kronor(total)}
            }
        )
    if period_has_locked_payments(period=period, party=party):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Payments for this period to %(organisation)s are already approved or paid, "
                    "so its budget cannot be changed. Record the change as an amendment."
                )
                % {"organisation": party.organisation.name}
            }
        )
    budget, _created = Budget.objects.update_or_create(
        appendix=appendix,
        period=period,
        defaults={"total": line_sum if lines else total, "updated_by": user},
    )
    _lines_replace(budget=budget, lines=lines, user=user)
    return budget


def _by(line: BudgetLine, user) -> None:
    if user is not None:  # else the request's user (the history middleware) is recorded
        line._history_user = user


def _lines_replace(*, budget: Budget, lines: list[tuple[str, Decimal]], user) -> None:
    """The budget's lines become `lines`, row by row: a row that stays is changed in place
    (its history says old -> new), rows beyond the new ones are deleted, new rows created."""
    existing = list(budget.lines.order_by("pk"))
    for line, (category, amount) in zip(existing, lines, strict=False):
        if (line.category, line.amount) != (category, amount):
            line.category, line.amount = category, amount
            _by(line, user)
            line.save(update_fields=["category", "amount"])
    for line in existing[len(lines) :]:
        _by(line, user)
        line.delete()
    bulk_create_with_history(
        [
            BudgetLine(budget=budget, category=category, amount=amount)
            for category, amount in lines[len(existing) :]
        ],
        BudgetLine,
        default_user=user,
    )


@transaction.atomic
def cofinancing_save(
    *,
    party: Party,
    period: BudgetPeriod,
    amount: Decimal | None = None,
    in_kind: str = "",
    valuation: Decimal | None = None,
    version: str | None = None,
) -> CoFinancing:
    """A party's own contribution for a period, the public party's included. `version`
    (COFINANCING_VERSION), when given, is what the form showed."""
    list(Party.objects.select_for_update().filter(pk=party.pk).values("pk"))
    check_version(
        version,
        CoFinancing.objects.select_for_update().filter(party=party, period=period).first(),
        model=CoFinancing,
    )
    ensure_changes_allowed(party.partnership)
    if period.partnership_id != party.partnership_id:
        raise ValidationError({NON_FIELD_ERRORS: _("The period belongs to another partnership.")})
    check_money(amount, field="amount")
    check_money(valuation, field="valuation")
    in_kind = (in_kind or "").strip()
    if valuation is not None and not in_kind:
        raise ValidationError({"in_kind": _("Describe the contribution in kind that is valued.")})
    if amount is None and not in_kind:
        raise ValidationError(
            {"amount": _("Enter an amount of money, a contribution in kind, or both.")}
        )
    co_financing, _created = CoFinancing.objects.update_or_create(
        party=party,
        period=period,
        defaults={"amount": amount, "in_kind": in_kind, "valuation": valuation},
    )
    return co_financing


@transaction.atomic
def other_income_record(
    *,
    partnership: Partnership,
    period: BudgetPeriod,
    payer: str,
    children: int,
    amount_per_child: Decimal,
    note: str = "",
) -> OtherIncome:
    if period.partnership_id != partnership.pk:
        raise ValidationError({"period": _("The period belongs to another partnership.")})
    check_money(amount_per_child, field="amount_per_child")
    if children is None or children < 1:
        raise ValidationError({"children": _("Enter the number of children, at least one.")})
    income = OtherIncome(
        partnership=partnership,
        period=period,
        payer=payer.strip(),
        children=children,
        amount_per_child=amount_per_child,
        total=amount_per_child * children,
        note=note,
    )
    income.full_clean()
    income.save()
    return income

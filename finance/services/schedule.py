"""The payment schedule: compensation paid in advance, per instalment, from the budgets.

Rules (stated once, tested in tests/finance/test_schedule.py):
- Instalments follow the budget period's own start, not the calendar: quarters of a contract
  year starting 1 May are May–July, August–October, November–January, February–April. Each
  boundary is counted from the period start, so month ends never drift (31 Jan + 1 month is
  28/29 Feb, + 2 months is 31 Mar).
- A period shorter than a whole number of instalments gets a short LAST instalment: the period
  2017-09-01–2017-12-31 paid quarterly gets September–November and December. A period starting
  mid-quarter therefore needs no special case, and a one-day period gets one payment.
- A full instalment weighs 1; a short one weighs its days divided by the days it would have had
  if whole. The period's budget is split by these weights, so full quarters get equal amounts
  whatever their number of days (leap years change nothing): 711 833 kr → 4 × 177 958,25 kr.
- Rounding (FinanceTerms.rounding): ORE (default) rounds every payment but the first down to
  the öre; WHOLE_KRONOR rounds them down to whole kronor. Either way the FIRST payment of the
  period takes the remainder, so the payments of a period add up to its budget exactly, to the
  öre (whole kronor: 177 959 + 3 × 177 958 = 711 833).
- Due date: in advance, on the first day of the period the payment covers, or
  FinanceTerms.days_in_advance days before it.
- Regenerating replaces only planned payments. A period and organisation with any approved,
  paid or stopped payment is left alone entirely. An organisation without bankgiro/plusgiro
  gets no payments; it is listed as a problem instead.
- The giro is the one the partnership's body recorded in its own relation with the
  organisation: another body's change to its relation never reaches these payments.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from finance.constants import FREQUENCY_MONTHS, LOCKED_PAYMENT_STATUSES, PaymentStatus, Rounding
from finance.models import Budget, FinanceTerms, Payment, Termination
from organisations.models import Relation
from partnerships.models import Partnership

from .dates import ONE_DAY, steps
from .terms import terms_for


@dataclass(frozen=True)
class Instalment:
    covers_from: datetime.date
    covers_to: datetime.date
    weight: Fraction


def instalments(*, start: datetime.date, end: datetime.date, frequency: str) -> list[Instalment]:
    result = []
    for span_from, span_to, full_to in steps(start, end, FREQUENCY_MONTHS[frequency]):
        days = (span_to - span_from).days + 1
        full_days = (full_to - span_from).days + 1
        result.append(Instalment(span_from, span_to, Fraction(days, full_days)))
    return result


def split_amount(total: Decimal, weights: list[Fraction], *, rounding: str) -> list[Decimal]:
    """Split `total` by `weights`; every share but the first rounded down to the unit (öre
    or krona), the first takes the remainder. The shares add up to `total` exactly."""
    total_ore = int(total * 100)
    if total_ore != total * 100:
        raise ValueError("amounts have at most two decimals")
    unit = 100 if rounding == Rounding.WHOLE_KRONOR else 1
    weight_sum = sum(weights, Fraction(0))
    rest = [int(Fraction(total_ore) * weight / weight_sum / unit) * unit for weight in weights[1:]]
    shares = [total_ore - sum(rest), *rest]
    return [Decimal(share).scaleb(-2) for share in shares]


@dataclass
class SchedulePlan:
    """What generating the schedule would do. Nothing here is saved."""

    create: list[Payment] = field(default_factory=list)
    remove: list[Payment] = field(default_factory=list)
    unchanged: list[Payment] = field(default_factory=list)
    kept: list[Payment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.create or self.remove)

    @property
    def create_total(self) -> Decimal:
        return sum((payment.amount for payment in self.create), Decimal("0"))

    @property
    def remove_total(self) -> Decimal:
        return sum((payment.amount for payment in self.remove), Decimal("0"))


def _key(payment: Payment):
    return (
        payment.period_id,
        payment.party_id,
        payment.covers_from,
        payment.covers_to,
        payment.due_date,
        payment.amount,
        payment.bankgiro,
        payment.plusgiro,
    )


def desired_payments(
    *, terms: FinanceTerms, period, party, total: Decimal, relation: Relation
) -> list[Payment]:
    parts = instalments(start=period.start, end=period.end, frequency=terms.payment_frequency)
    amounts = split_amount(total, [part.weight for part in parts], rounding=terms.rounding)
    return [
        Payment(
            partnership_id=period.partnership_id,
            party=party,
            period=period,
            covers_from=part.covers_from,
            covers_to=part.covers_to,
            due_date=part.covers_from - ONE_DAY * terms.days_in_advance,
            amount=amount,
            bankgiro=relation.bankgiro,
            plusgiro="" if relation.bankgiro else relation.plusgiro,
        )
        for part, amount in zip(parts, amounts, strict=True)
    ]


def schedule_preview(*, partnership: Partnership) -> SchedulePlan:
    """What `schedule_generate` would create, remove and leave alone. Changes nothing
    (except creating default finance terms on first use)."""
    terms = terms_for(partnership=partnership)
    if Termination.objects.filter(partnership=partnership, party__isnull=True).exists():
        raise ValidationError(
            {NON_FIELD_ERRORS: _("The partnership is terminated: no new payments are generated.")}
        )
    budgets = list(
        Budget.objects.filter(period__partnership=partnership).select_related(
            "period", "appendix__party__organisation"
        )
    )
    if not budgets:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "The partnership has no budgets yet: enter the organisations' budgets "
                    "before generating the payment schedule."
                )
            }
        )
    totals: dict[tuple, Decimal] = defaultdict(Decimal)
    groups: dict[tuple, tuple] = {}
    for budget in budgets:
        party = budget.appendix.party
        key = (budget.period_id, party.pk)
        totals[key] += budget.total
        groups[key] = (budget.period, party)
    terminated_parties = set(
        Termination.objects.filter(partnership=partnership, party__isnull=False).values_list(
            "party_id", flat=True
        )
    )
    existing: dict[tuple, list[Payment]] = defaultdict(list)
    for payment in partnership.payments.select_related("party__organisation", "period"):
        existing[(payment.period_id, payment.party_id)].append(payment)

    # The giro numbers this partnership's body recorded, one query.
    relations = {
        relation.organisation_id: relation
        for relation in Relation.objects.filter(
            body_id=partnership.public_body_id,
            organisation_id__in={party.organisation_id for _period, party in groups.values()},
        )
    }
    plan = SchedulePlan()
    missing_giro = set()
    for key in sorted(groups, key=lambda k: (groups[k][0].start, str(groups[k][1]))):
        period, party = groups[key]
        current = existing.pop(key, [])
        planned = [p for p in current if p.status == PaymentStatus.PLANNED]
        if any(p.status in LOCKED_PAYMENT_STATUSES or p.reduced_by for p in current):
            plan.kept += [p for p in current if p.status in LOCKED_PAYMENT_STATUSES]
            plan.unchanged += planned
            continue
        if party.pk in terminated_parties or (party.left_on and party.left_on < period.start):
            plan.unchanged += planned
            continue
        organisation = party.organisation
        relation = relations.get(organisation.pk) or Relation()
        if not (relation.bankgiro or relation.plusgiro):
            if organisation.pk not in missing_giro:
                missing_giro.add(organisation.pk)
                plan.problems.append(
                    _(
                        "%(organisation)s has no bankgiro or plusgiro: no payments are generated "
                        "for it until one is registered."
                    )
                    % {"organisation": organisation.name}
                )
            plan.unchanged += planned
            continue
        wanted = desired_payments(
            terms=terms, period=period, party=party, total=totals[key], relation=relation
        )
        by_key = {_key(p): p for p in planned}
        for payment in wanted:
            match = by_key.pop(_key(payment), None)
            if match is None:
                plan.create.append(payment)
            else:
                plan.unchanged.append(match)
        plan.remove += by_key.values()
    # Planned payments whose budget is gone.
    for leftovers in existing.values():
        for payment in leftovers:
            if payment.status == PaymentStatus.PLANNED:
                plan.remove.append(payment)
            else:
                plan.kept.append(payment)
    return plan


@transaction.atomic
def schedule_generate(*, partnership: Partnership, user) -> SchedulePlan:
    """Apply the plan of `schedule_preview`: only planned payments are created or removed."""
    Partnership.objects.select_for_update().get(pk=partnership.pk)
    plan = schedule_preview(partnership=partnership)
    Payment.objects.filter(
        pk__in=[payment.pk for payment in plan.remove], status=PaymentStatus.PLANNED
    ).delete()
    for payment in plan.create:
        payment.prepared_by = user
        payment.full_clean(exclude=["prepared_by"], validate_constraints=False)
    # With history rows, so each payment's creation is in its history like every change.
    bulk_create_with_history(plan.create, Payment, default_user=user)
    return plan

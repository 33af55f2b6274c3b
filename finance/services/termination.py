"""Terminating a party or the whole partnership, and extending a partnership by a year.

Termination (seed 002 §3.4, seed 001 §4.5): the notice period ends `notice_months` after the
termination date, and the party works (and is compensated) through it. Payments whose covered
period starts before the end of the notice period are kept; every later planned or approved one
is stopped ("Ingen ny betalning går ut"). Where the partnership's terms say so (seed 001, "refund
less the work done"), compensation for days after the notice period is not due: what was paid
for them is to be paid back, and a kept payment not yet paid is reduced by it, pro rata by days,
rounded to the öre. So a payment is either kept or paid back, never both in full, and the
preview, the stored termination and the documents show the same figures.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from finance.constants import OPEN_PAYMENT_STATUSES, PaymentStatus
from finance.models import Budget, BudgetPeriod, Extension, Payment, Termination
from partnerships.constants import AppendixStatus, Status
from partnerships.guards import provided_for_by_the_agreement
from partnerships.models import Partnership, Party
from partnerships.services import partnership_end_extend, partnership_transition, party_leave

from .budgets import budget_period_create, budget_save
from .dates import ONE_DAY, add_months
from .payments import payment_reduce, payment_stop
from .schedule import SchedulePlan, schedule_generate
from .terms import terms_for


@dataclass
class Refund:
    payment: Payment
    days: int
    amount: Decimal


@dataclass
class TerminationPlan:
    partnership: Partnership
    party: Party | None
    date: datetime.date
    notice_end: datetime.date
    keep: list[Payment] = field(default_factory=list)
    stop: list[Payment] = field(default_factory=list)
    refunds: list[Refund] = field(default_factory=list)
    # Kept payments not yet paid that also cover days after the notice period (refund terms).
    reductions: list[Refund] = field(default_factory=list)

    @property
    def stop_total(self) -> Decimal:
        return sum((payment.amount for payment in self.stop), Decimal("0"))

    @property
    def reduction_total(self) -> Decimal:
        return sum((reduction.amount for reduction in self.reductions), Decimal("0"))

    @property
    def keep_total(self) -> Decimal:
        """What the kept payments come to, after the reductions."""
        kept = sum((payment.amount for payment in self.keep), Decimal("0"))
        return kept - self.reduction_total

    @property
    def refund_total(self) -> Decimal:
        return sum((refund.amount for refund in self.refunds), Decimal("0"))


def refund_for(payment: Payment, *, date: datetime.date) -> Refund | None:
    """The part of a paid payment that covers days after `date`, pro rata by days."""
    first_unworked = max(payment.covers_from, date + ONE_DAY)
    if first_unworked > payment.covers_to:
        return None
    days = (payment.covers_to - first_unworked).days + 1
    amount = (payment.amount * days / payment.covered_days).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    return Refund(payment=payment, days=days, amount=amount)


def termination_preview(
    *, partnership: Partnership, date: datetime.date | None, party: Party | None = None
) -> TerminationPlan:
    """What terminating on `date` would keep, stop and ask back. Changes nothing."""
    errors = {}
    if date is None:
        errors["date"] = _("Enter the termination date.")
    elif date < partnership.start_date:
        errors["date"] = _(
            "The termination date cannot be before the partnership starts (%(d)s)."
        ) % {"d": partnership.start_date.isoformat()}
    elif date > partnership.end_date:
        errors["date"] = _("The termination date cannot be after the partnership ends (%(d)s).") % {
            "d": partnership.end_date.isoformat()
        }
    if party is not None:
        if party.partnership_id != partnership.pk:
            errors["party"] = _("The organisation is not a party to this partnership.")
        elif party.is_public:
            errors["party"] = _(
                "The public party cannot be terminated alone: terminate the whole partnership."
            )
        elif party.left_on or Termination.objects.filter(party=party).exists():
            errors["party"] = _("The organisation has already left the partnership.")
        elif date and date < party.joined_on:
            errors["date"] = _("The termination date cannot be before the organisation joined.")
    elif Termination.objects.filter(partnership=partnership, party__isnull=True).exists():
        errors[NON_FIELD_ERRORS] = _("The partnership is already terminated.")
    if errors:
        raise ValidationError(errors)
    terms = terms_for(partnership=partnership)
    plan = TerminationPlan(
        partnership=partnership,
        party=party,
        date=date,
        notice_end=add_months(date, terms.notice_months),
    )
    payments = partnership.payments.select_related("party__organisation").order_by(
        "covers_from", "party__organisation__name"
    )
    if party is not None:
        payments = payments.filter(party=party)
    for payment in payments:
        if payment.status == PaymentStatus.STOPPED:
            continue
        kept = payment.covers_from < plan.notice_end
        if kept:
            plan.keep.append(payment)
        elif payment.status in OPEN_PAYMENT_STATUSES:
            plan.stop.append(payment)
            continue
        if not terms.refund_on_termination:
            continue
        # The days after the notice period were not worked: paid back, or not paid.
        not_due = refund_for(payment, date=plan.notice_end)
        if not_due is None:
            continue
        if payment.status == PaymentStatus.PAID:
            plan.refunds.append(not_due)
        elif kept and payment.status in OPEN_PAYMENT_STATUSES:
            plan.reductions.append(not_due)
    return plan


@transaction.atomic
def termination_apply(
    *,
    partnership: Partnership,
    date: datetime.date | None,
    reason: str,
    user,
    party: Party | None = None,
) -> Termination:
    Partnership.objects.select_for_update().get(pk=partnership.pk)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the termination.")})
    plan = termination_preview(partnership=partnership, date=date, party=party)
    termination = Termination.objects.create(
        partnership=partnership,
        party=party,
        date=date,
        reason=reason.strip(),
        notice_end=plan.notice_end,
        kept_count=len(plan.keep),
        kept_amount=plan.keep_total,
        stopped_count=len(plan.stop),
        stopped_amount=plan.stop_total,
        reduced_amount=plan.reduction_total,
        refund_amount=plan.refund_total,
        created_by=user,
    )
    for payment in plan.stop:
        payment_stop(payment=payment, user=user, reason=reason, termination=termination)
    for reduction in plan.reductions:
        payment_reduce(
            payment=reduction.payment,
            amount=reduction.amount,
            user=user,
            # Data, not translated text: which termination the days after it belong to.
            reason=f"{reason.strip()} ({date.isoformat()}, {plan.notice_end.isoformat()})",
        )
    if party is not None:
        party_leave(party=party, left_on=min(plan.notice_end, partnership.end_date))
    elif Status.TERMINATED in partnership.allowed_transitions:
        partnership_transition(
            partnership=partnership,
            to_status=Status.TERMINATED,
            user=user,
            note=reason.strip(),
            by_termination=True,
        )
    return termination


EXTENDABLE_STATUSES = (Status.SIGNED, Status.ACTIVE)


def _check_extension_decision(*, decided_on, decision_paragraph: str, decided_by: str) -> dict:
    errors = {}
    if not decided_on:
        errors["decided_on"] = _("Enter the date of the decision to extend.")
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("The decision cannot be dated in the future.")
    if not (decision_paragraph or "").strip():
        errors["decision_paragraph"] = _("Enter the paragraph of the minutes.")
    if not (decided_by or "").strip():
        errors["decided_by"] = _("Enter who decided, for example Socialnämnden.")
    return errors


def extension_end(*, partnership: Partnership) -> datetime.date:
    """The end date after extending by one contract year; refused in Swedish when not allowed:
    only a signed or active partnership, a whole year at a time, never past the latest date."""
    if partnership.status not in EXTENDABLE_STATUSES:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Only a signed or active partnership can be extended; this one is “%(status)s”."
                )
                % {"status": partnership.get_status_display()}
            }
        )
    if Termination.objects.filter(partnership=partnership, party__isnull=True).exists():
        raise ValidationError({NON_FIELD_ERRORS: _("A terminated partnership cannot be extended.")})
    if partnership.latest_end_date is None:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("The partnership cannot be extended: it has no latest end date.")}
        )
    new_end = add_months(partnership.end_date + ONE_DAY, 12) - ONE_DAY
    if new_end > partnership.latest_end_date:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Extending by a year would end the partnership on %(new)s, after its latest "
                    "end date %(latest)s."
                )
                % {"new": new_end.isoformat(), "latest": partnership.latest_end_date.isoformat()}
            }
        )
    return new_end


def _template_period(periods: list[BudgetPeriod]) -> BudgetPeriod | None:
    """The latest whole year (a short last period is a poor model for a new year)."""
    whole = [period for period in periods if period.days >= 365]
    return (whole or periods or [None])[-1]


@transaction.atomic
def partnership_extend(
    *,
    partnership: Partnership,
    user,
    decided_on: datetime.date | None,
    decision_paragraph: str,
    decided_by: str,
) -> tuple[BudgetPeriod | None, SchedulePlan | None]:
    """Extend by one contract year, up to the latest end date, by a recorded decision (date,
    paragraph, who): the new year gets a budget period, the budgets of the previous whole year
    (for the organisations still party to it) and its payments. The agreement's extension
    clause provides for it, so a signed agreement needs no amendment."""
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    errors = _check_extension_decision(
        decided_on=decided_on, decision_paragraph=decision_paragraph, decided_by=decided_by
    )
    try:
        new_end = extension_end(partnership=locked)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    old_end = locked.end_date
    Extension.objects.create(
        partnership=locked,
        old_end=old_end,
        new_end=new_end,
        decided_on=decided_on,
        decision_paragraph=decision_paragraph.strip(),
        decided_by=decided_by.strip(),
        recorded_by=user,
    )
    with provided_for_by_the_agreement(locked):
        return _extend(partnership=partnership, user=user, old_end=old_end, new_end=new_end)


def _extend(*, partnership: Partnership, user, old_end, new_end):
    periods = list(BudgetPeriod.objects.filter(partnership=partnership))
    template = _template_period(periods)
    partnership_end_extend(partnership=partnership, end_date=new_end)
    if template is None:
        return None, None
    period = budget_period_create(partnership=partnership, start=old_end + ONE_DAY, end=new_end)
    copied = 0
    budgets = Budget.objects.filter(period=template).select_related("appendix__party")
    for budget in budgets.prefetch_related("lines"):
        party = budget.appendix.party
        if party.left_on:
            continue
        appendix = budget.appendix
        if appendix.status != AppendixStatus.CURRENT:
            appendix = party.appendices.filter(status=AppendixStatus.CURRENT).first()
            if appendix is None:
                continue
        lines = [(line.category, line.amount) for line in budget.lines.all()]
        budget_save(
            appendix=appendix,
            period=period,
            lines=lines,
            total=None if lines else budget.total,
            user=user,
        )
        copied += 1
    plan = schedule_generate(partnership=partnership, user=user) if copied else None
    return period, plan

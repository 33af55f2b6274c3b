"""One function per payment transition. Each re-reads the row under a lock and then moves it
with a conditional UPDATE (… WHERE status = <expected>), so two clicks at once, in two tabs or
by two people, do the work once: the second finds nothing to update and is refused."""

import datetime
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bodies.selectors import body_settings
from common.formatting import format_kronor
from common.transitions import Lifecycle, record_history, transition
from finance.constants import PAYMENT_TRANSITIONS, PaymentStatus
from finance.models import Payment, PaymentAllowance, PaymentEvent, Termination
from finance.permissions import can_manage_finance
from organisations.models import Relation
from partnerships.constants import Status


def two_people_required(body) -> bool:
    """Whether the body's payments are approved by another administrator than their preparer
    (the body's setting, by default the installation's)."""
    return body_settings(body).two_person_approval


def _refuse(message, field=NON_FIELD_ERRORS):
    raise ValidationError({field: message})


def _record_event(locked, from_status, to_status, user, note) -> PaymentEvent:
    return PaymentEvent.objects.create(
        payment=locked, from_status=from_status, to_status=to_status, user=user, note=note
    )


LIFECYCLE = Lifecycle(
    model=Payment,
    transitions=PAYMENT_TRANSITIONS,
    statuses=PaymentStatus,
    refusal=gettext_lazy("A payment that is “%(from)s” cannot become “%(to)s”."),
    concurrent_change=gettext_lazy(
        "Someone else changed the payment at the same moment. Reload the page."
    ),
    record_event=_record_event,
)


# Money goes out while the agreement runs: from its signing until it ends.
RUNNING_STATUSES = (Status.SIGNED, Status.ACTIVE)
FINAL_STATUSES = (Status.ENDED, Status.TERMINATED)


def _kept_by_termination(payment: Payment) -> bool:
    """A termination of the whole partnership keeps the payments whose period starts before
    its notice period ends (termination_preview's rule)."""
    return Termination.objects.filter(
        partnership_id=payment.partnership_id,
        party__isnull=True,
        notice_end__gt=payment.covers_from,
    ).exists()


def payment_refusal(payment: Payment) -> str | None:
    """Why the partnership's state does not let this payment be approved or paid now (in
    Swedish), or None when it may: none before the agreement is signed, none after the
    partnership ended, except what a termination keeps or a recorded decision allows."""
    status = payment.partnership.status
    if status in RUNNING_STATUSES:
        return None
    if PaymentAllowance.objects.filter(payment=payment).exists():
        return None
    if status in FINAL_STATUSES:
        if status == Status.TERMINATED and _kept_by_termination(payment):
            return None
        return _(
            "The partnership has “%(status)s”: no payment is approved or paid after it ended, "
            "unless the termination keeps it or a decision allows it."
        ) % {"status": payment.partnership.get_status_display()}
    return _(
        "The agreement is not signed yet (the partnership is “%(status)s”): no payment is "
        "approved or paid before it is, unless a decision allows it."
    ) % {"status": payment.partnership.get_status_display()}


def _move(*, payment: Payment, to_status: str, user, note: str = "", **updates) -> Payment:
    def check(locked: Payment) -> None:
        if not can_manage_finance(user, locked.partnership):
            _refuse(_("Only an administrator of the public body can handle payments."))
        if to_status in (PaymentStatus.APPROVED, PaymentStatus.PAID):
            refusal = payment_refusal(locked)
            if refusal:
                _refuse(refusal)

    transition(
        lifecycle=LIFECYCLE,
        obj=payment,
        to_status=to_status,
        user=user,
        note=note,
        check=check,
        updates=updates,
        select_related=("partnership",),
    )
    return payment


@transaction.atomic
def payment_approve(*, payment: Payment, user) -> Payment:
    """Approve a planned payment: by an administrator of the public body who, when the
    body requires two people, did not prepare it."""
    body = payment.partnership.public_body_id
    if two_people_required(body) and payment.prepared_by_id == user.pk:
        _refuse(
            _(
                "You prepared this payment: another administrator must approve it "
                "(two people are required)."
            )
        )
    # The payment is approved with the giro the body has confirmed now (a change confirmed
    # since the schedule was made applies; one still pending does not) and keeps it.
    relation = Relation.objects.filter(
        body_id=body, organisation_id=payment.party.organisation_id
    ).first()
    giro = {"bankgiro": payment.bankgiro, "plusgiro": payment.plusgiro}
    if relation is not None:
        giro = {
            "bankgiro": relation.bankgiro,
            "plusgiro": "" if relation.bankgiro else relation.plusgiro,
        }
    if not (giro["bankgiro"] or giro["plusgiro"]):
        _refuse(_("The payment has no bankgiro or plusgiro to pay to."))
    return _move(
        payment=payment,
        to_status=PaymentStatus.APPROVED,
        user=user,
        approved_by=user,
        approved_at=timezone.now(),
        **giro,
    )


@transaction.atomic
def payment_pay(*, payment: Payment, user, paid_on: datetime.date, note: str = "") -> Payment:
    """Record that an approved payment went out on `paid_on`. `note` says where the report
    came from when it was not the payment page (the API token that reported it)."""
    if paid_on is None:
        _refuse(_("Enter the date the payment was made."), "paid_on")
    if paid_on > timezone.localdate():
        _refuse(_("The payment date cannot be in the future."), "paid_on")
    return _move(
        payment=payment, to_status=PaymentStatus.PAID, user=user, note=note, paid_on=paid_on
    )


@transaction.atomic
def payment_stop(*, payment: Payment, user, reason: str, termination=None) -> Payment:
    reason = (reason or "").strip()
    if not reason:
        _refuse(_("Give the reason for stopping the payment."), "reason")
    return _move(
        payment=payment,
        to_status=PaymentStatus.STOPPED,
        user=user,
        note=reason,
        stopped_reason=reason,
        termination=termination,
    )


@transaction.atomic
def payment_allow(
    *,
    payment: Payment,
    user,
    decided_on: datetime.date | None,
    decision_paragraph: str,
    decided_by: str,
) -> PaymentAllowance:
    """Record the decision that allows a payment the partnership's state refuses (before
    signing, or after it ended); the payment can then be approved and paid as usual."""
    locked = Payment.objects.select_for_update().select_related("partnership").get(pk=payment.pk)
    if not can_manage_finance(user, locked.partnership):
        _refuse(_("Only an administrator of the public body can handle payments."))
    if locked.status not in (PaymentStatus.PLANNED, PaymentStatus.APPROVED):
        _refuse(_("Only a planned or approved payment can be allowed by a decision."))
    if payment_refusal(locked) is None:
        _refuse(_("The agreement already allows this payment: no decision is needed."))
    errors = {}
    if not decided_on:
        errors["decided_on"] = _("Enter the date of the decision.")
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("The decision cannot be dated in the future.")
    if not (decision_paragraph or "").strip():
        errors["decision_paragraph"] = _("Enter the paragraph of the minutes.")
    if not (decided_by or "").strip():
        errors["decided_by"] = _("Enter who decided, for example Socialnämnden.")
    if errors:
        raise ValidationError(errors)
    allowance = PaymentAllowance.objects.create(
        payment=locked,
        decided_on=decided_on,
        decision_paragraph=decision_paragraph.strip(),
        decided_by=decided_by.strip(),
        recorded_by=user,
    )
    PaymentEvent.objects.create(
        payment=locked,
        from_status=locked.status,
        to_status=locked.status,
        user=user,
        # No translated text in the database: the decision as recorded.
        note=f"{allowance.decided_by} {decided_on.isoformat()} {allowance.decision_paragraph}",
    )
    return allowance


CENT = Decimal("0.01")


def _is_kronor_and_ore(amount) -> bool:
    return isinstance(amount, Decimal) and amount.is_finite() and amount == amount.quantize(CENT)


@transaction.atomic
def payment_adjust(*, payment: Payment, amount: Decimal, user, reason: str) -> Payment:
    """Set a planned payment's amount to `amount` (≥ 0, kronor and öre), recording who, when
    and why in the payment's events. The payment may be lowered, or raised back at most to
    what the schedule gave it; `reduced_by` keeps the difference, and a regenerated schedule
    leaves an adjusted payment's period alone."""
    locked = Payment.objects.select_for_update().select_related("partnership").get(pk=payment.pk)
    if locked.status != PaymentStatus.PLANNED:
        _refuse(_("Only a planned payment can be adjusted."))
    if not can_manage_finance(user, locked.partnership):
        _refuse(_("Only an administrator of the public body can handle payments."))
    reason = (reason or "").strip()
    if not reason:
        _refuse(_("Give the reason for the change."), "reason")
    if not _is_kronor_and_ore(amount) or amount < 0:
        _refuse(_("The amount must be zero or more, in kronor and öre."), "amount")
    scheduled = locked.amount + locked.reduced_by
    old_amount = locked.amount
    if amount > scheduled:
        _refuse(
            _("The payment cannot be raised above the scheduled %(amount)s.")
            % {"amount": format_kronor(scheduled)},
            "amount",
        )
    moved = Payment.objects.filter(
        pk=locked.pk, status=PaymentStatus.PLANNED, amount=locked.amount
    ).update(amount=amount, reduced_by=scheduled - amount)
    if moved != 1:
        _refuse(_("Someone else changed the payment at the same moment. Reload the page."))
    locked.refresh_from_db()
    record_history(locked, user=user)
    PaymentEvent.objects.create(
        payment=locked,
        from_status=locked.status,
        to_status=locked.status,
        user=user,
        # No translated text in the database: the amounts, then the reason as given.
        note=f"{format_kronor(old_amount)} → {format_kronor(amount)}: {reason}",
    )
    payment.refresh_from_db()
    return payment


@transaction.atomic
def payment_reduce(*, payment: Payment, amount: Decimal, user, reason: str) -> Payment:
    """Lower a planned payment by `amount` (at most the whole payment) through
    `payment_adjust`. Used when an approved annual account's unspent money is set off against
    the organisation's next payment."""
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if not _is_kronor_and_ore(amount) or amount <= 0:
        _refuse(_("The reduction must be a positive amount in kronor and öre."), "amount")
    if amount > locked.amount:
        _refuse(_("The reduction cannot be larger than the payment."), "amount")
    return payment_adjust(payment=payment, amount=locked.amount - amount, user=user, reason=reason)

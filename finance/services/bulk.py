"""Approving or marking paid many payments at once: all or nothing.

A treasurer who selects twelve payments and presses "Approve" must be able to say afterwards
that exactly those twelve were approved. So a bulk action runs every payment through the same
transition function as a single click (the two-person rule, the giro check and the row lock
hold per payment) inside one transaction; if any one is refused, none moves and the caller
gets each refused payment with its reason. No payment is ever half moved: each transition is
a single conditional update.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finance.models import Payment

from .payments import payment_approve, payment_pay

APPROVE = "approve"
PAY = "pay"


@dataclass(frozen=True)
class Refusal:
    payment: Payment
    reason: str


class BulkRefused(Exception):
    """Some payments could not move; nothing was changed."""

    def __init__(self, refusals: list[Refusal]):
        super().__init__(f"{len(refusals)} payment(s) refused")
        self.refusals = refusals


def _messages(exc: ValidationError) -> str:
    return " ".join(str(message) for message in exc.messages)


def payments_bulk(
    *, payments: list[Payment], action: str, user, paid_on: datetime.date | None = None
) -> list[Payment]:
    """Move every payment or none. Raises BulkRefused listing each refusal."""
    if action not in (APPROVE, PAY):
        raise ValueError(action)
    if not payments:
        raise ValidationError(_("Select at least one payment."))
    if action == PAY and paid_on is None:
        raise ValidationError({"paid_on": _("Enter the date the payments were made.")})
    refusals: list[Refusal] = []
    moved: list[Payment] = []
    with transaction.atomic():
        for payment in payments:
            try:
                if action == APPROVE:
                    moved.append(payment_approve(payment=payment, user=user))
                else:
                    moved.append(payment_pay(payment=payment, user=user, paid_on=paid_on))
            except ValidationError as exc:
                refusals.append(Refusal(payment=payment, reason=_messages(exc)))
        if refusals:
            # Leaving the block by an exception rolls back the ones that did move.
            raise BulkRefused(refusals)
    return moved

"""Reads for the approval queue on /finance/: totals per status and the payments to work
through, each marked with what this user may do with it."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from organisations.roles import roles_for

from .constants import PaymentStatus
from .models import Payment
from .selectors import _sum
from .services.payments import two_people_required

# What the queue offers, by the status the payments are in.
QUEUES = {
    PaymentStatus.PLANNED: "approve",
    PaymentStatus.APPROVED: "pay",
}


@dataclass(frozen=True)
class StatusTotal:
    status: str
    label: str
    count: int
    amount: Decimal


def status_totals(*, user) -> list[StatusTotal]:
    """Count and sum of the user's visible payments per status, in the lifecycle's order."""
    found = {
        row["status"]: row
        for row in Payment.objects.visible_to(user)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"), amount=_sum("amount"))
    }
    return [
        StatusTotal(
            status=status,
            label=str(label),
            count=found.get(status, {}).get("count", 0),
            amount=found.get(status, {}).get("amount", Decimal("0")),
        )
        for status, label in PaymentStatus.choices
    ]


def queue_payments(*, user, status: str):
    return (
        Payment.objects.visible_to(user)
        .filter(status=status)
        .for_list()
        .order_by("due_date", "party__organisation__name", "pk")
    )


def mark_offers(payments, *, user, action: str) -> list[Payment]:
    """Set `payment.selectable` (the user may take the action) and, when not, `payment.why_not`:
    the preparer is not offered the approval of their own payment."""
    roles = roles_for(user)
    payments = list(payments)
    for payment in payments:
        manages = roles.is_superuser or payment.partnership.public_body_id in roles.administrator_of
        payment.selectable, payment.why_not = manages, ""
        if not manages:
            continue
        if (
            action == "approve"
            and two_people_required(payment.partnership.public_body_id)
            and payment.prepared_by_id == user.pk
        ):
            payment.selectable, payment.why_not = False, "prepared_by_you"
        elif action == "approve" and not (payment.bankgiro or payment.plusgiro):
            payment.selectable, payment.why_not = False, "no_giro"
    return payments

"""Reads for the approval queue on /finance/: totals per status and the payments to work
through, each marked with what this user may do with it."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import ExtractYear

from organisations.roles import roles_for
from partnerships.constants import Status

from .constants import PaymentStatus
from .models import Payment, PaymentAllowance, Termination
from .selectors import _sum
from .services.payments import RUNNING_STATUSES, two_people_required

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
    # Of these, the payments the partnership's state holds back (not in the queue).
    held_back: int = 0


def payment_groups(*, user) -> list[dict]:
    """The user's visible payments counted and summed per status, per year of the due date and
    per year their budget period starts, with how many of them the partnership's state holds
    back: one grouped query, from which the queue's totals (status_totals), the overview's years
    (selectors.body_overview) and its chart (charts.payments_per_year) are all read."""
    return list(
        Payment.objects.visible_to(user)
        .order_by()
        .annotate(period_year=ExtractYear("period__start"), due_year=ExtractYear("due_date"))
        .values("status", "period_year", "due_year")
        .annotate(
            count=Count("pk"),
            amount=_sum("amount"),
            held_back=Count("pk", filter=~movable_now_q()),
        )
    )


def status_totals(*, user, groups: list[dict] | None = None) -> list[StatusTotal]:
    """Count and sum of the user's visible payments per status, in the lifecycle's order
    (`groups` from payment_groups when the page has them already)."""
    found: dict[str, dict] = {}
    for row in payment_groups(user=user) if groups is None else groups:
        total = found.setdefault(
            row["status"], {"count": 0, "amount": Decimal("0"), "held_back": 0}
        )
        for key in total:
            total[key] += row[key]
    return [
        StatusTotal(
            status=status,
            label=str(label),
            count=found.get(status, {}).get("count", 0),
            amount=found.get(status, {}).get("amount", Decimal("0")),
            held_back=found.get(status, {}).get("held_back", 0),
        )
        for status, label in PaymentStatus.choices
    ]


def movable_now_q() -> Q:
    """The payments the partnership's state lets be approved or paid now: the same rule as
    finance.services.payments.payment_refusal, in the database (signed or active; or a
    recorded decision allows it; or a termination of the whole partnership keeps it)."""
    kept_by_termination = Exists(
        Termination.objects.filter(
            partnership_id=OuterRef("partnership_id"),
            party__isnull=True,
            notice_end__gt=OuterRef("covers_from"),
        )
    )
    return (
        Q(partnership__status__in=RUNNING_STATUSES)
        | Q(Exists(PaymentAllowance.objects.filter(payment_id=OuterRef("pk"))))
        | Q(partnership__status=Status.TERMINATED) & Q(kept_by_termination)
    )


def with_movable_now(payments):
    """`payments` (a queryset) with `movable_now_known`: whether movable_now_q holds for each,
    computed in the same query (views.common._with_actions reads it instead of asking again)."""
    return payments.annotate(
        movable_now_known=ExpressionWrapper(movable_now_q(), output_field=BooleanField())
    )


def queue_payments(*, user, status: str):
    """The payments in `status` that can move now; those the agreement holds back (not signed
    yet, or ended) are not listed (status_totals counts them)."""
    return (
        Payment.objects.visible_to(user)
        .filter(status=status)
        .filter(movable_now_q())
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

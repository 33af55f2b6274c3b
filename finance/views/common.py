"""Lookups shared by the finance views: what a user may not see is a 404."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from finance.models import Payment
from finance.permissions import can_manage_finance, can_manage_payment
from finance.queue import movable_now_q
from finance.services.payments import two_people_required
from partnerships.models import Partnership


def _partnership(request, pk, *, manage=False) -> Partnership:
    partnership = get_object_or_404(
        Partnership.objects.visible_to(request.user).select_related("public_body"), pk=pk
    )
    if manage and not can_manage_finance(request.user, partnership):
        raise PermissionDenied
    return partnership


def _back(partnership):
    return redirect("finance:partnership", pk=partnership.pk)


def _with_actions(request, payments) -> list[Payment]:
    """The payments with what the user may do to each: the approve button is offered only
    where the service would accept it (the agreement's state included), one query a page, or
    none when the payments come with `movable_now_known` (finance.queue.with_movable_now)."""
    payments = list(payments)
    for payment in payments:
        payment.can_manage = can_manage_payment(request.user, payment)
    managed = [
        payment.pk
        for payment in payments
        if payment.can_manage and payment.pk and not hasattr(payment, "movable_now_known")
    ]
    movable = (
        set(
            Payment.objects.filter(pk__in=managed)
            .filter(movable_now_q())
            .values_list("pk", flat=True)
        )
        if managed
        else set()
    )
    for payment in payments:
        payment.movable_now = payment.can_manage and getattr(
            payment, "movable_now_known", payment.pk in movable
        )
        # The two-person rule: the preparer is not offered the approval of their payment.
        payment.can_approve = payment.can_manage and not (
            two_people_required(payment.partnership.public_body_id)
            and payment.prepared_by_id == request.user.pk
        )
    return payments

"""The approval queue on /finance/: payments to approve or to mark paid, selected and moved
together (finance.services.payments_bulk: all or nothing)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.formatting import format_kronor
from common.pagination import paginate
from finance import forms, services
from finance.models import Payment
from finance.permissions import can_work_the_queue
from finance.queue import QUEUES, mark_offers, queue_payments, status_totals

ACTION_STATUS = {action: status for status, action in QUEUES.items()}


def queue_context(
    request, *, action: str | None = None, selected=(), refusals=(), pay_form=None, groups=None
):
    """What the overview needs to show the queue; `action` from ?queue= unless given;
    `groups` (finance.queue.payment_groups) when the page has them already."""
    if action not in ACTION_STATUS:
        action = request.GET.get("queue")
    if action not in ACTION_STATUS:
        action = "approve"
    totals = status_totals(user=request.user, groups=groups)
    listing = paginate(
        request,
        queue_payments(user=request.user, status=ACTION_STATUS[action]),
        page_param="queue_page",
    )
    listing.page.object_list = mark_offers(
        listing.page.object_list, user=request.user, action=action
    )
    return {
        "queue_action": action,
        "queue": listing,
        "queue_totals": totals,
        "queue_held_back": next(
            (total.held_back for total in totals if total.status == ACTION_STATUS[action]), 0
        ),
        "queue_selected": {int(pk) for pk in selected},
        "queue_refusals": refusals,
        "queue_can_act": can_work_the_queue(request.user),
        "today": timezone.localdate(),
        "pay_form": pay_form or forms.PayForm(initial={"paid_on": timezone.localdate()}),
    }


@login_required
@require_POST
def payments_bulk(request):
    # The queue lives on the overview page, which imports this module's queue_context.
    from .overview import overview

    action = request.POST.get("action")
    if action not in ACTION_STATUS or not can_work_the_queue(request.user):
        raise Http404
    ids = [int(pk) for pk in request.POST.getlist("payment") if pk.isdigit()]
    payments = list(
        Payment.objects.visible_to(request.user)
        .filter(pk__in=ids)
        .select_related("partnership", "party__organisation")
        .order_by("due_date", "pk")
    )
    if len(payments) != len(set(ids)):
        raise Http404  # a payment the user may not see is not theirs to move
    pay_form = forms.PayForm(request.POST) if action == "pay" else None
    paid_on = None
    if pay_form is not None:
        if not pay_form.is_valid():
            return overview(
                request,
                queue=queue_context(request, action=action, selected=ids, pay_form=pay_form),
            )
        paid_on = pay_form.cleaned_data["paid_on"]
    try:
        moved = services.payments_bulk(
            payments=payments, action=action, user=request.user, paid_on=paid_on
        )
    except services.BulkRefused as refused:
        refused_ids = {refusal.payment.pk for refusal in refused.refusals}
        return overview(
            request,
            queue=queue_context(
                request,
                action=action,
                selected=[pk for pk in ids if pk not in refused_ids],
                refusals=refused.refusals,
                pay_form=pay_form,
            ),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{reverse('finance:overview')}?queue={action}#queue")
    total = format_kronor(sum(payment.amount for payment in moved))
    if action == "approve":
        text = ngettext(
            "%(count)s payment approved (%(total)s).",
            "%(count)s payments approved (%(total)s).",
            len(moved),
        )
    else:
        text = ngettext(
            "%(count)s payment marked as paid (%(total)s).",
            "%(count)s payments marked as paid (%(total)s).",
            len(moved),
        )
    messages.success(request, text % {"count": len(moved), "total": total})
    return redirect(f"{reverse('finance:overview')}?queue={action}#queue")

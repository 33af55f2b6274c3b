"""Finance's part of the confirmation before a partnership ends: the payments that stop."""

from django.urls import reverse
from django.utils.translation import gettext as _

from common.formatting import format_kronor
from finance.constants import OPEN_PAYMENT_STATUSES
from finance.models import Payment
from partnerships.consequences import Consequence

LIMIT = 20


def payments_that_stop(*, partnership, to_status, party=None) -> Consequence | None:
    """Planned and approved payments: none is approved or paid once the partnership has
    ended (finance.services.payments.payment_refusal), unless a decision allows it."""
    payments = (
        Payment.objects.filter(partnership=partnership, status__in=OPEN_PAYMENT_STATUSES)
        .filter(**({"party": party} if party is not None else {}))
        .select_related("party__organisation")
        .order_by("due_date", "pk")
    )
    count = payments.count()
    if not count:
        return None
    items = [
        (
            _("%(date)s: %(amount)s to %(organisation)s (%(status)s)")
            % {
                "date": payment.due_date.isoformat(),
                "amount": format_kronor(payment.amount),
                "organisation": payment.party.organisation.name,
                "status": payment.get_status_display(),
            },
            reverse("finance:payment", args=[payment.pk]),
        )
        for payment in payments[:LIMIT]
    ]
    return Consequence(
        heading=_(
            "%(count)s planned payment(s) stop: none is approved or paid after the partnership "
            "ended, unless a decision allows it"
        )
        % {"count": count},
        items=items,
        more=max(count - LIMIT, 0),
    )

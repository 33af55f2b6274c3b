"""Finance's part of the deadline dashboard: payments still to approve or pay."""

from functools import partial

from django.urls import reverse
from django.utils.translation import gettext as _

from common.formatting import format_kronor
from governance.constants import DeadlineKind
from governance.selectors import Deadline

from .selectors import payments_due


def payment_deadlines(*, user, today, horizon, partnership=None):
    payments = payments_due(user=user, days=(horizon - today).days, today=today)
    if partnership is not None:
        payments = payments.filter(partnership=partnership)
    # Only what a deadline says: thousands of rows are counted, a page of them is shown.
    payments = payments.select_related(None).select_related("partnership", "party__organisation")
    for payment in payments:
        yield Deadline(
            DeadlineKind.PAYMENT,
            payment.due_date,
            payment.partnership,
            partial(_title, payment),
            partial(reverse, "finance:payment", args=[payment.pk]),
            key=f"payment-{payment.pk}",
        )


def _title(payment) -> str:
    return _("%(organisation)s, %(amount)s (%(status)s)") % {
        "organisation": payment.party.organisation.name,
        "amount": format_kronor(payment.amount),
        "status": payment.get_status_display().lower(),
    }

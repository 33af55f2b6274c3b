"""Finance's part of the deadline dashboard: payments still to approve or pay."""

from functools import partial

from django.urls import reverse
from django.utils.translation import gettext as _

from common.formatting import format_kronor
from governance.constants import DeadlineKind
from governance.selectors import Deadline
from partnerships.selectors import partnerships_by_id

from .constants import PaymentStatus
from .selectors import payments_due


def payment_deadlines(*, user, today, horizon, partnership=None, known=None):
    payments = payments_due(user=user, days=(horizon - today).days, today=today)
    if partnership is not None:
        payments = payments.filter(partnership=partnership)
    # Only what a deadline says, as plain values: thousands of payments are counted on the
    # dashboard and a page of them is shown.
    rows = list(
        payments.values_list(
            "pk", "due_date", "amount", "status", "partnership_id", "party__organisation__name"
        )
    )
    partnerships = partnerships_by_id({row[4] for row in rows}, {} if known is None else known)
    for pk, due_date, amount, status, partnership_id, organisation in rows:
        yield Deadline(
            DeadlineKind.PAYMENT,
            due_date,
            partnerships[partnership_id],
            partial(_title, organisation, amount, status),
            partial(reverse, "finance:payment", args=[pk]),
            key=f"payment-{pk}",
        )


def _title(organisation: str, amount, status: str) -> str:
    return _("%(organisation)s, %(amount)s (%(status)s)") % {
        "organisation": organisation,
        "amount": format_kronor(amount),
        "status": PaymentStatus(status).label.lower(),
    }

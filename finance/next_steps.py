"""Finance's steps on the partnership page: budgets, the payment schedule, payments due."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.checklist import PREPARE, RUN, Step
from partnerships.constants import AppendixStatus
from partnerships.selectors import current_parties

from .constants import PaymentStatus
from .models import BudgetPeriod, Payment


def finance_steps(*, user, obj) -> list[Step]:
    partnership = obj
    finance_url = reverse("finance:partnership", args=[partnership.pk])
    # Two queries: the periods with their budgets in force, and the payments.
    counts = BudgetPeriod.objects.filter(partnership=partnership).aggregate(
        periods=Count("pk", distinct=True),
        budgets=Count(
            "budgets",
            distinct=True,
            filter=Q(
                budgets__appendix__status=AppendixStatus.CURRENT,
                budgets__appendix__party__left_on__isnull=True,
            ),
        ),
    )
    periods, budgets = counts["periods"], counts["budgets"]
    organisations = len([party for party in current_parties(partnership) if not party.is_public])
    expected = periods * organisations
    soon = timezone.localdate() + datetime.timedelta(days=30)
    payments = Payment.objects.filter(partnership=partnership).aggregate(
        scheduled=Count("pk"),
        to_approve=Count("pk", filter=Q(status=PaymentStatus.PLANNED, due_date__lte=soon)),
        to_pay=Count("pk", filter=Q(status=PaymentStatus.APPROVED, due_date__lte=soon)),
    )
    to_approve, to_pay = payments["to_approve"], payments["to_pay"]
    if not periods:
        budget_detail = _("No budget periods yet.")
    elif budgets < expected:
        budget_detail = _("%(done)s of %(expected)s budgets entered.") % {
            "done": budgets,
            "expected": expected,
        }
    else:
        budget_detail = ""
    steps = [
        Step(
            key="budget",
            stage=PREPARE,
            order=40,
            label=_("A budget for every organisation and year"),
            done=bool(expected) and budgets >= expected,
            url=finance_url,
            detail=budget_detail,
        ),
        Step(
            key="schedule",
            stage=PREPARE,
            order=50,
            label=_("The payment schedule"),
            done=payments["scheduled"] > 0,
            url=reverse("finance:schedule", args=[partnership.pk]),
        ),
    ]
    steps.append(
        Step(
            key="payments",
            stage=RUN,
            order=10,
            label=_("Payments due in the next 30 days approved and paid"),
            done=not (to_approve or to_pay),
            url=reverse("finance:overview")
            + ("?queue=approve" if to_approve else "?queue=pay")
            + "#queue",
            detail=ngettext(
                "%(count)s payment to approve or pay.",
                "%(count)s payments to approve or pay.",
                to_approve + to_pay,
            )
            % {"count": to_approve + to_pay}
            if to_approve or to_pay
            else "",
        )
    )
    return steps

"""Finance's steps on the partnership page: budgets, the payment schedule, payments due."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.checklist import PREPARE, RUN, Step
from partnerships.constants import AppendixStatus

from .constants import PaymentStatus
from .models import Budget, BudgetPeriod, Payment


def finance_steps(*, user, obj) -> list[Step]:
    partnership = obj
    finance_url = reverse("finance:partnership", args=[partnership.pk])
    periods = BudgetPeriod.objects.filter(partnership=partnership).count()
    organisations = partnership.parties.current().filter(is_public=False).count()
    budgets = Budget.objects.filter(
        period__partnership=partnership,
        appendix__status=AppendixStatus.CURRENT,
        appendix__party__left_on__isnull=True,
    ).count()
    expected = periods * organisations
    payments = Payment.objects.filter(partnership=partnership)
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
            done=payments.exists(),
            url=reverse("finance:schedule", args=[partnership.pk]),
        ),
    ]
    soon = timezone.localdate() + datetime.timedelta(days=30)
    to_approve = payments.filter(status=PaymentStatus.PLANNED, due_date__lte=soon).count()
    to_pay = payments.filter(status=PaymentStatus.APPROVED, due_date__lte=soon).count()
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

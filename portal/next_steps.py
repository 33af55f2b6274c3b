"""The portal's step on the partnership page: last year's annual accounts in."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.checklist import RUN, Step
from finance.models import BudgetPeriod

from .constants import HANDED_IN_ACCOUNT_STATUSES
from .models import AnnualAccount


def portal_steps(*, user, obj) -> list[Step]:
    partnership = obj
    today = timezone.localdate()
    ended = (
        BudgetPeriod.objects.filter(partnership=partnership, end__lt=today).order_by("-end").first()
    )
    if ended is None:
        return []
    organisations = partnership.parties.current().filter(is_public=False).count()
    handed_in = AnnualAccount.objects.filter(
        period=ended, status__in=HANDED_IN_ACCOUNT_STATUSES
    ).count()
    return [
        Step(
            key="accounts",
            stage=RUN,
            order=20,
            label=_("Annual accounts for %(period)s handed in") % {"period": ended.label},
            done=handed_in >= organisations,
            url=reverse("portal:overview"),
            detail=_("%(done)s of %(expected)s handed in.")
            % {"done": handed_in, "expected": organisations}
            if handed_in < organisations
            else "",
        )
    ]

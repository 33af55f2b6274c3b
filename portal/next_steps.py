"""The portal's step on the partnership page: last year's annual accounts in."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.checklist import RUN, Step
from finance.models import BudgetPeriod
from partnerships.selectors import current_parties

from .constants import HANDED_IN_ACCOUNT_STATUSES


def portal_steps(*, user, obj) -> list[Step]:
    partnership = obj
    today = timezone.localdate()
    # The last period that has ended, with how many accounts for it are handed in: one query.
    ended = (
        BudgetPeriod.objects.filter(partnership=partnership, end__lt=today)
        .annotate(
            handed_in=Count(
                "annual_accounts",
                filter=Q(annual_accounts__status__in=HANDED_IN_ACCOUNT_STATUSES),
            )
        )
        .order_by("-end")
        .first()
    )
    if ended is None:
        return []
    organisations = len([party for party in current_parties(partnership) if not party.is_public])
    handed_in = ended.handed_in
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

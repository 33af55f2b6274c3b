"""The portal's part of the deadline dashboard: annual accounts and activity reports."""

from functools import partial

from django.db.models import Q

from governance.constants import DeadlineKind
from governance.selectors import Deadline

from .constants import DeadlineKind as PortalKind
from .selectors import _parties_condition, _url_for, open_deadlines


def account_and_report_deadlines(*, user, today, horizon, partnership=None, known=None):
    condition = _parties_condition(user)
    if partnership is not None:
        condition = (condition or Q()) & Q(partnership=partnership)
    for item in open_deadlines(parties_condition=condition, due_by=horizon, known=known):
        kind = (
            DeadlineKind.ANNUAL_ACCOUNT
            if item.kind == PortalKind.ACCOUNT
            else DeadlineKind.ACTIVITY_REPORT
        )
        yield Deadline(
            kind,
            item.due,
            item.partnership,
            # The portal's own deadline says its title; the link is asked for the rows shown.
            partial(getattr, item, "title"),
            partial(_url_for, item, user),
            key=item.key.replace(":", "-"),
        )

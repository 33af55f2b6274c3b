"""The portal's part of the confirmation before a partnership ends: what is still due."""

from django.db.models import Q
from django.utils.translation import gettext as _

from partnerships.consequences import Consequence

from .constants import DeadlineKind
from .selectors import open_deadlines

LIMIT = 20


def accounts_and_reports_due(*, partnership, to_status, party=None) -> Consequence | None:
    """Annual accounts and activity reports not handed in: still owed after the end (or, for
    one party's termination, by that party: it accounts for what it was paid)."""
    condition = Q(partnership_id=partnership.pk)
    if party is not None:
        condition &= Q(pk=party.pk)
    due = sorted(
        (
            item
            for item in open_deadlines(parties_condition=condition)
            # The activity reports are the partnership's, not one party's: they stay due by
            # the others when one party leaves.
            if party is None or item.kind == DeadlineKind.ACCOUNT
        ),
        key=lambda item: (item.due, item.title),
    )
    if not due:
        return None
    return Consequence(
        heading=_("%(count)s account(s) and report(s) are still due") % {"count": len(due)},
        items=[(f"{item.due.isoformat()}: {item.title}", None) for item in due[:LIMIT]],
        more=max(len(due) - LIMIT, 0),
    )

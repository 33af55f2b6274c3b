"""The portal's part of the confirmation before a partnership ends: what is still due."""

from django.db.models import Q
from django.utils.translation import gettext as _

from partnerships.consequences import Consequence

from .selectors import open_deadlines

LIMIT = 20


def accounts_and_reports_due(*, partnership, to_status) -> Consequence | None:
    """Annual accounts and activity reports not handed in: still owed after the end."""
    due = sorted(
        open_deadlines(parties_condition=Q(partnership_id=partnership.pk)),
        key=lambda item: (item.due, item.title),
    )
    if not due:
        return None
    return Consequence(
        heading=_("%(count)s account(s) and report(s) are still due") % {"count": len(due)},
        items=[(f"{item.due.isoformat()}: {item.title}", None) for item in due[:LIMIT]],
        more=max(len(due) - LIMIT, 0),
    )

"""Finance's section of the partnership page: the money per period and organisation."""

from partnerships.panels import Panel

from .permissions import organisation_filter
from .selectors import partnership_summary


def finance_panel(*, user, partnership) -> Panel:
    return Panel(
        "finance/includes/partnership_summary.html",
        {
            "finance_summary": partnership_summary(
                partnership=partnership, organisation_ids=organisation_filter(user, partnership)
            )
        },
    )

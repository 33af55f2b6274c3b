"""Finance's section of the partnership page: the money per period and organisation; and the
registry of sections that apps above finance add to its own partnership page."""

from common.panels import PanelRegistry
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


# Sections of the finance page (finance:partnership) from apps above finance: the portal adds
# budget against actual cost from the annual accounts.
finance_page_panels = PanelRegistry()
register_finance_page_panel = finance_page_panels.register

"""Governance's section of the partnership page: its groups, their chairs and cadence."""

from partnerships.panels import Panel

from .selectors import groups_for_partnership


def groups_panel(*, user, partnership) -> Panel:
    return Panel(
        "governance/includes/partnership_groups.html",
        {"groups": groups_for_partnership(partnership=partnership)},
    )

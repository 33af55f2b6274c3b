"""The portal's section of the finance page: budget against actual cost per line."""

from common.panels import Panel

from .charts import partnership_account_charts


def accounts_chart_panel(*, user, partnership) -> Panel | None:
    charts = partnership_account_charts(user=user, partnership=partnership)
    if not charts:
        return None
    return Panel("portal/includes/account_charts.html", {"charts": charts})

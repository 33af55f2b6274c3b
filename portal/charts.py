"""Charts of the portal pages: budget against actual cost per line of an annual account, and
people reached per year from the activity reports (small figures masked as everywhere)."""

from collections import defaultdict

from django.db.models import Sum
from django.utils.translation import gettext as _

from common.charts import Chart, Series, bar_chart
from common.formatting import format_kronor
from organisations.roles import roles_for

from .constants import HANDED_IN_ACCOUNT_STATUSES, Dimension, ReportKind, ReportStatus
from .models import AnnualAccount, ReachFigure
from .selectors import mask_small


def account_chart(account: AnnualAccount, *, slug: str | None = None) -> Chart:
    lines = list(account.lines.all())
    rows = [(line.category, [line.budget_amount, line.actual]) for line in lines]
    budget = sum((line.budget_amount for line in lines), 0)
    actual = sum((line.actual or 0 for line in lines), 0)
    return bar_chart(
        slug=slug or f"account-{account.pk}",
        title=_("Budget and actual cost per budget line, %(organisation)s %(period)s")
        % {"organisation": account.party.organisation.name, "period": account.period.label},
        summary=_("Budget %(budget)s in all, actual cost %(actual)s.")
        % {"budget": format_kronor(budget), "actual": format_kronor(actual)},
        series=[
            Series(label=_("Budget"), css_class="chart-series-1"),
            Series(label=_("Actual cost"), css_class="chart-series-2"),
        ],
        rows=rows,
        fmt=format_kronor,
    )


def partnership_account_charts(*, user, partnership) -> list[Chart]:
    """The handed-in accounts of the partnership's latest year with any, that the user may
    see (a representative: their own organisation's)."""
    accounts = (
        AnnualAccount.objects.visible_to(user)
        .filter(party__partnership=partnership, status__in=HANDED_IN_ACCOUNT_STATUSES)
        .select_related("party__organisation", "period")
        .prefetch_related("lines")
        .order_by("-period__start", "party__organisation__name")
    )
    latest = accounts.values_list("period_id", flat=True).first()
    if latest is None:
        return []
    return [account_chart(account) for account in accounts.filter(period_id=latest)]


def people_reached_chart(*, user, reports) -> Chart:
    """People reached per year, from submitted half-year and yearly reports: everyone reached
    is counted once in the gender figures. A sum below 5 is shown as "<5" to anyone who did
    not enter every report behind it. Summed in the database (rows: years × kinds × orgs)."""
    roles = roles_for(user)
    kinds = [ReportKind.HALF_YEAR, ReportKind.YEAR]
    sums = (
        ReachFigure.objects.filter(
            dimension=Dimension.GENDER,
            report__in=reports.filter(status=ReportStatus.SUBMITTED).values("pk"),
        )
        .order_by()
        .values("report__period__start__year", "report__kind", "report__organisation_id")
        .annotate(total=Sum("count"))
    )
    totals: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(kinds, 0))
    owners: dict[tuple[int, str], set[int]] = defaultdict(set)
    for row in sums:
        year, kind = row["report__period__start__year"], row["report__kind"]
        totals[year][kind] += row["total"]
        owners[(year, kind)].add(row["report__organisation_id"])
    rows = []
    for year in sorted(totals):
        values = []
        for kind in kinds:
            entered_by = owners[(year, kind)]
            if not entered_by:
                values.append(None)
                continue
            values.append(mask_small(totals[year][kind], entered_by <= roles.representative_of))
        rows.append((str(year), values))
    return bar_chart(
        slug="people-reached",
        title=_("People reached per year"),
        summary=_(
            "The number of people the activity reached, per year, as the half-year and yearly "
            "reports give it. Figures below 5 are shown as “<5”."
        ),
        series=[
            Series(label=str(ReportKind.HALF_YEAR.label), css_class="chart-series-1"),
            Series(label=str(ReportKind.YEAR.label), css_class="chart-series-2"),
        ],
        rows=rows,
        fmt=str,
    )

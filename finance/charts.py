"""Charts of the finance pages: planned against paid payments over time (sums in the database)."""

from django.db.models import Q
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils.translation import gettext as _

from common.charts import Chart, Series, bar_chart
from common.formatting import format_kronor

from .constants import PaymentStatus
from .selectors import ZERO, _sum


def _series() -> list[Series]:
    return [
        Series(label=_("Planned"), css_class="chart-series-1"),
        Series(label=_("Paid"), css_class="chart-series-2"),
    ]


def payments_over_time(*, payments, slug: str, by_quarter: bool) -> Chart:
    """Planned (every payment not stopped) and paid, per quarter or year of the due date.
    `payments` is already limited to what the viewer may see."""
    buckets = {"year": ExtractYear("due_date")}
    if by_quarter:
        buckets["quarter"] = ExtractQuarter("due_date")
    sums = (
        payments.exclude(status=PaymentStatus.STOPPED)
        .order_by()
        .annotate(**buckets)
        .values(*buckets)
        .annotate(planned=_sum("amount"), paid=_sum("amount", filter=Q(status=PaymentStatus.PAID)))
        .order_by(*buckets)
    )
    rows = []
    for row in sums:
        label = _("%(year)s, quarter %(quarter)s") % row if by_quarter else str(row["year"])
        rows.append((label, [row["planned"], row["paid"]]))
    return _chart(slug=slug, by_quarter=by_quarter, rows=rows)


def payments_per_year(*, groups: list[dict], slug: str) -> Chart:
    """payments_over_time per year, read from finance.queue.payment_groups (rows the page
    has already asked for) instead of a query of its own."""
    years: dict[int, list] = {}
    for row in groups:
        if row["status"] == PaymentStatus.STOPPED:
            continue
        planned_paid = years.setdefault(row["due_year"], [ZERO, ZERO])
        planned_paid[0] += row["amount"]
        if row["status"] == PaymentStatus.PAID:
            planned_paid[1] += row["amount"]
    rows = [(str(year), years[year]) for year in sorted(years)]
    return _chart(slug=slug, by_quarter=False, rows=rows)


def _chart(*, slug: str, by_quarter: bool, rows: list) -> Chart:
    planned = sum((values[0] for _label, values in rows), 0)
    paid = sum((values[1] for _label, values in rows), 0)
    return bar_chart(
        slug=slug,
        title=_("Planned and paid payments per quarter")
        if by_quarter
        else _("Planned and paid payments per year"),
        summary=_("In all %(planned)s planned, of which %(paid)s paid.")
        % {"planned": format_kronor(planned), "paid": format_kronor(paid)},
        series=_series(),
        rows=rows,
        fmt=format_kronor,
    )

"""Bar charts as server-rendered SVG, each with its figures as a table and a text alternative.

A chart is rows (a budget line, a quarter, a year) of one bar per series (budget and actual,
planned and paid). The SVG has no viewBox: bar lengths are percentages of its width and text
stays at the page's size, so the chart reflows from 1280 px down to 320 px without shrinking
its writing. No script, no external asset; templates/includes/chart.html draws it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

ROW_LABEL_HEIGHT = 22
BAR_HEIGHT = 18
BAR_GAP = 4
ROW_GAP = 12
# A value label sits after its bar; past this share of the width it goes inside the bar.
INSIDE_FROM_PERCENT = 72


@dataclass(frozen=True)
class Series:
    label: str
    css_class: str  # chart-series-1, chart-series-2: colour and pattern in app.css


@dataclass
class Bar:
    series: Series
    value: Decimal | int | None
    text: str  # the value as the page writes it: "711 833 kr", "<5"
    percent: float = 0.0
    y: int = 0
    inside: bool = False


@dataclass
class Row:
    label: str
    bars: list[Bar] = field(default_factory=list)
    y: int = 0


@dataclass
class Chart:
    slug: str  # unique on the page: ids of the title and the table
    title: str
    summary: str  # the text alternative: what the chart shows, in a sentence
    series: list[Series]
    rows: list[Row]
    height: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.rows


def bar_chart(
    *, slug: str, title: str, summary: str, series: list[Series], rows: list[tuple], fmt
) -> Chart:
    """rows: (label, [value per series]); a value may be None (nothing to draw) or a str
    (a figure that may not be shown, such as "<5": written, not drawn)."""
    numbers = [v for _label, values in rows for v in values if isinstance(v, int | Decimal)]
    top = max(numbers, default=0) or 1
    chart = Chart(slug=slug, title=title, summary=summary, series=series, rows=[])
    y = 0
    for label, values in rows:
        row = Row(label=str(label), y=y + 15)
        y += ROW_LABEL_HEIGHT
        for one_series, value in zip(series, values, strict=True):
            if isinstance(value, int | Decimal):
                percent = round(float(value) / float(top) * 100, 2) if value > 0 else 0.0
                text = fmt(value)
            else:
                percent, text = 0.0, "–" if value is None else str(value)
            row.bars.append(
                Bar(
                    series=one_series,
                    value=value,
                    text=text,
                    percent=percent,
                    y=y,
                    inside=percent > INSIDE_FROM_PERCENT,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP
        chart.rows.append(row)
    chart.height = y
    return chart

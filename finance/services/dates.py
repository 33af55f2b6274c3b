"""Calendar arithmetic for periods and instalments."""

import calendar
import datetime

ONE_DAY = datetime.timedelta(days=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the end of a shorter month
    (2016-02-29 + 12 → 2017-02-28; 2017-01-31 + 1 → 2017-02-28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def steps(start: datetime.date, end: datetime.date, months: int):
    """Split start..end (inclusive) into consecutive spans of `months`, anchored at start
    (each boundary is counted from `start`, so month-end clamping never drifts). The last
    span is cut at `end`. Yields (from, to, full_to) where full_to is where the span would
    have ended had it been whole."""
    index = 0
    span_from = start
    while span_from <= end:
        full_to = add_months(start, months * (index + 1)) - ONE_DAY
        yield span_from, min(full_to, end), full_to
        index += 1
        span_from = full_to + ONE_DAY

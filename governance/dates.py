"""Calendar arithmetic for terms and contract years."""

import calendar
import datetime
from dataclasses import dataclass


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start: datetime.date, months: int) -> datetime.date:
    """The last day of a term of `months` months beginning on `start`."""
    return add_months(start, months) - datetime.timedelta(days=1)


@dataclass(frozen=True)
class ContractYear:
    """A year of the agreement, following its start date (May–April for seed 002)."""

    number: int
    start: datetime.date
    end: datetime.date

    @property
    def half_way(self) -> datetime.date:
        """Half a year into the contract year: the half-year report is due."""
        return min(add_months(self.start, 6), self.end)

    @property
    def first_half_end(self) -> datetime.date:
        return self.half_way - datetime.timedelta(days=1)


def contract_years(start: datetime.date, end: datetime.date) -> list[ContractYear]:
    years = []
    current, number = start, 1
    while current <= end:
        year_end = min(add_months(current, 12) - datetime.timedelta(days=1), end)
        years.append(ContractYear(number=number, start=current, end=year_end))
        current, number = year_end + datetime.timedelta(days=1), number + 1
    return years

"""Where the seed partnerships stand in time.

The seeds are from 2015–2017; loaded with their own dates every deadline would be years overdue.
By default each partnership is moved by a whole number of years (so weekdays of the contract
year, quarters and the May–April contract year of seed 002 stay as they were) until it stands
where its status says: a running partnership (Bris, active) has finished its first contract
year and runs today; a proposed or decided one starts after today. `--as-in-seeds` keeps the
seeds' dates. Every other date of the demo (payments, accounts, meetings) follows its
partnership, through `shift_of()`.
"""

import datetime

from partnerships.constants import Status

from . import seed_data

# Statuses that mean the partnership runs: its period holds today.
RUNNING = (Status.SIGNED, Status.ACTIVE)
# The longest shift ever needed is a few decades; the bound only keeps the loop finite.
_MAX_YEARS = 200


def shifted(date: datetime.date | None, years: int) -> datetime.date | None:
    """The same day `years` later (29 February becomes 28 February in a common year)."""
    if date is None or years == 0:
        return date
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


def years_to_shift(
    *, start: datetime.date, end: datetime.date, status: str, today: datetime.date
) -> int:
    """Whole years to move a partnership by so that its status fits today's date."""
    if status in RUNNING:
        # Today inside the period, with a first contract year already behind it if possible.
        fits = [
            k
            for k in range(-_MAX_YEARS, _MAX_YEARS)
            if shifted(start, k) <= today <= shifted(end, k)
        ]
        with_history = [k for k in fits if shifted(start, k + 1) <= today]
        if with_history:
            return max(with_history)
        if fits:
            return max(fits)
    # Not started yet (draft, proposed, decided): the first start after today.
    return next(k for k in range(-_MAX_YEARS, _MAX_YEARS) if shifted(start, k) > today)


def spec_shift(spec: dict, *, today: datetime.date, as_in_seeds: bool) -> int:
    if as_in_seeds:
        return 0
    fields = spec["fields"]
    return years_to_shift(
        start=fields["start_date"], end=fields["end_date"], status=spec["status"], today=today
    )


def decision_date(decided_on: datetime.date | None, years: int, *, today: datetime.date):
    """The board's decision moved with its partnership, but never after today: a decided
    partnership that starts in a few months was decided in the last year before it."""
    date = shifted(decided_on, years)
    while date is not None and date > today:
        years -= 1
        date = shifted(decided_on, years)
    return date


def shifted_spec(spec: dict, years: int, *, today: datetime.date) -> dict:
    """The seed's partnership spec with every date moved by `years`."""
    fields = dict(spec["fields"])
    for name in ("start_date", "end_date", "latest_end_date"):
        fields[name] = shifted(fields[name], years)
    decided_on = decision_date(spec["decided_on"], years, today=today)
    return {**spec, "fields": fields, "decided_on": decided_on}


def shift_of(partnership) -> int:
    """How many years the loaded partnership was moved from its seed (0 if it is no seed's)."""
    for spec in seed_data.PARTNERSHIPS:
        if spec["fields"]["registry_number"] == partnership.registry_number:
            return partnership.start_date.year - spec["fields"]["start_date"].year
    return 0

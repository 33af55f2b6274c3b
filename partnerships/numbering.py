"""The rule that numbers the parties' appendices, as a pure function: the service applies it
after every change to the parties (partnerships.services.appendices_renumber), and the data
migration that renumbered the appendices written before the rule applied it to what the
database held then (reporting 0012). It reads no model, so both can use it."""

import datetime
from collections.abc import Iterable, Mapping


def number_index(number: str) -> int:
    """The n of "2.n", 0 for anything else."""
    head, _dot, tail = (number or "").partition(".")
    return int(tail) if head == "2" and tail.isdigit() else 0


def appendix_numbers(
    parties: Iterable[tuple[int, bool, datetime.date]], issued: Mapping[int, str]
) -> dict[int, str]:
    """{party id: "2.n"} for the parties with an appendix in force, given as (party id, is
    public, joined on); appendix 1 is the agreement itself.

    The organisations come first in the order they joined, the public party last (seed 004).
    `issued` is {party id: number} as printed in the agreement versions prepared for signing,
    the parties who have left included: those numbers are cited by a signed text and never
    change nor are given again; every other party takes the next free number in that order."""
    ordered = sorted(parties, key=lambda party: (party[1], party[2], party[0]))
    taken = {number_index(number) for number in issued.values()}
    following = max(taken, default=0) + 1
    numbers = {}
    for party_id, _is_public, _joined_on in ordered:
        number = issued.get(party_id)
        if number is None:
            while following in taken:
                following += 1
            number = f"2.{following}"
            following += 1
        numbers[party_id] = number
    return numbers

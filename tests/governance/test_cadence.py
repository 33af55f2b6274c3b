"""Cadences are said the way the agreement says them, not as stored numbers."""

import pytest

from governance.constants import cadence_in_words


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (91, "var tredje månad"),
        (30, "varje månad"),
        (183, "två gånger om året (en gång per termin)"),
        (7, "varje vecka"),
        (10, "var 10:e dag"),
        (1, "varje dag"),
    ],
)
def test_cadence_in_words(days, words):
    assert cadence_in_words(days) == words

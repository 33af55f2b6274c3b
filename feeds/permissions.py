"""Who may make a calendar address. Reading a feed needs only its secret address."""

from partnerships.models import Partnership
from partnerships.permissions import administers_partnership, works_on_partnership


def can_see_partnership_feed(user, partnership: Partnership) -> bool:
    """The partnership's feed is for its body's staff."""
    return works_on_partnership(user, partnership)


def can_renew_partnership_feed(user, partnership: Partnership) -> bool:
    """An administrator of the body makes (and renews) the partnership's address."""
    return administers_partnership(user, partnership)

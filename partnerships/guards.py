"""Checks and hooks that other apps register around changes to a partnership.

The reporting app registers one that refuses changes to what a signed, frozen agreement
printed, and the one that opens an amendment when a decision needs to change a signed
agreement. Registering (instead of importing reporting here) keeps partnerships free of a
dependency on the apps that build on it.
"""

from collections.abc import Callable

from .models import Partnership

ChangeGuard = Callable[[Partnership], None]
# (partnership, user) -> True if an amendment was opened; raises ValidationError when none can be.
AmendmentOpener = Callable[..., bool]

_guards: list[ChangeGuard] = []
_amendment_openers: list[AmendmentOpener] = []


def register(guard: ChangeGuard) -> ChangeGuard:
    if guard not in _guards:
        _guards.append(guard)
    return guard


def ensure_changes_allowed(partnership: Partnership) -> None:
    """Raise ValidationError if a registered guard refuses a change to what the
    agreement prints (its fields, parties, appendices, budgets, payment terms)."""
    for guard in _guards:
        guard(partnership)


def register_amendment_opener(opener: AmendmentOpener) -> AmendmentOpener:
    if opener not in _amendment_openers:
        _amendment_openers.append(opener)
    return opener


def open_amendment_if_needed(*, partnership: Partnership, user) -> bool:
    """Make the agreement changeable for a decision that changes it (an organisation
    admitted or leaving): opens an amendment when the agreement in force is signed.
    True if one was opened; a ValidationError when the agreement cannot change now."""
    opened = False
    for opener in _amendment_openers:
        opened = opener(partnership=partnership, user=user) or opened
    return opened

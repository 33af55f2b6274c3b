"""Checks that other apps register to refuse changes to a partnership.

The reporting app registers one that refuses changes to what a signed, frozen agreement
printed. Registering (instead of importing reporting here) keeps partnerships free of a
dependency on the apps that build on it.
"""

from collections.abc import Callable

from .models import Partnership

ChangeGuard = Callable[[Partnership], None]

_guards: list[ChangeGuard] = []


def register(guard: ChangeGuard) -> ChangeGuard:
    if guard not in _guards:
        _guards.append(guard)
    return guard


def ensure_changes_allowed(partnership: Partnership) -> None:
    """Raise ValidationError if a registered guard refuses a change to what the
    agreement prints (its fields, parties, appendices, budgets, payment terms)."""
    for guard in _guards:
        guard(partnership)

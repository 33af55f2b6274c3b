"""Checks and hooks that other apps register around changes to a partnership.

The reporting app registers one that refuses changes to what a signed, frozen agreement
printed, and the one that opens an amendment when a decision needs to change a signed
agreement. Registering (instead of importing reporting here) keeps partnerships free of a
dependency on the apps that build on it.
"""

import contextlib
import contextvars
from collections.abc import Callable, Iterator

from .models import Partnership

ChangeGuard = Callable[[Partnership], None]
# (partnership, user) -> True if an amendment was opened; raises ValidationError when none can be.
AmendmentOpener = Callable[..., bool]

_guards: list[ChangeGuard] = []
# Partnerships whose change the signed agreement itself provides for (an extension by a year
# under its extension clause): the freeze does not apply to it.
_provided_for: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "provided_for", default=frozenset()
)
_amendment_openers: list[AmendmentOpener] = []
# partnership -> True while an amendment to its signed agreement is open (being prepared).
_amendment_checks: list[Callable[[Partnership], bool]] = []


def register(guard: ChangeGuard) -> ChangeGuard:
    if guard not in _guards:
        _guards.append(guard)
    return guard


def ensure_changes_allowed(partnership: Partnership) -> None:
    """Raise ValidationError if a registered guard refuses a change to what the
    agreement prints (its fields, parties, appendices, budgets, payment terms)."""
    if partnership.pk in _provided_for.get():
        return
    for guard in _guards:
        guard(partnership)


@contextlib.contextmanager
def provided_for_by_the_agreement(partnership: Partnership) -> Iterator[None]:
    """Within this block, changes to `partnership` are ones its agreement provides for (an
    extension under the extension clause), so a signed agreement does not refuse them."""
    token = _provided_for.set(_provided_for.get() | {partnership.pk})
    try:
        yield
    finally:
        _provided_for.reset(token)


def register_amendment_check(check: Callable[[Partnership], bool]):
    if check not in _amendment_checks:
        _amendment_checks.append(check)
    return check


def amendment_in_progress(partnership: Partnership) -> bool:
    """Whether an amendment to the partnership's signed agreement is open: its fields may
    then change again, after the decision too."""
    return any(check(partnership) for check in _amendment_checks)


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


# partnership -> {party id: appendix number} already printed in an agreement prepared for
# signing: those numbers are cited and must not change.
_issued_numbers: list[Callable[[Partnership], dict[int, str]]] = []


def register_issued_numbers(provider: Callable[[Partnership], dict[int, str]]):
    if provider not in _issued_numbers:
        _issued_numbers.append(provider)
    return provider


def issued_appendix_numbers(partnership: Partnership) -> dict[int, str]:
    issued: dict[int, str] = {}
    for provider in _issued_numbers:
        issued.update(provider(partnership))
    return issued

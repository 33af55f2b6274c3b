"""What ending or terminating a partnership leaves behind, shown on the confirmation page.

Finance (planned payments that stop) and the portal (accounts and reports still due) sit above
partnerships in the layering, so each registers a provider in its AppConfig.ready() under a
topic ("payments", "reporting"), called as `provider(partnership=..., to_status=..., party=...)`
and returning a `Consequence` or None. `party` narrows it to one organisation's part (the
termination of that party); None is the whole partnership. A page that shows one topic in its
own way (the termination preview lists the payments it stops) asks for the other topics only.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .models import Partnership


@dataclass(frozen=True)
class Consequence:
    heading: str
    # Each item as (text, url or None), at most `limit` of them; `more` says how many are left.
    items: list[tuple[str, str | None]] = field(default_factory=list)
    more: int = 0


ConsequenceProvider = Callable[..., Consequence | None]

_providers: list[tuple[str, ConsequenceProvider]] = []


def register_consequences(provider: ConsequenceProvider, *, topic: str) -> ConsequenceProvider:
    if (topic, provider) not in _providers:
        _providers.append((topic, provider))
    return provider


def consequences_of(
    *,
    partnership: Partnership,
    to_status: str,
    party=None,
    topics: frozenset[str] | None = None,
) -> list[Consequence]:
    found = []
    for topic, provider in _providers:
        if topics is not None and topic not in topics:
            continue
        consequence = provider(partnership=partnership, to_status=to_status, party=party)
        if consequence is not None:
            found.append(consequence)
    return found

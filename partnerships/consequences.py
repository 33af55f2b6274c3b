"""What ending or terminating a partnership leaves behind, shown on the confirmation page.

Finance (planned payments that stop) and the portal (accounts and reports still due) sit above
partnerships in the layering, so each registers a provider in its AppConfig.ready(), called as
`provider(partnership=..., to_status=...)` and returning a `Consequence` or None.
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

_providers: list[ConsequenceProvider] = []


def register_consequences(provider: ConsequenceProvider) -> ConsequenceProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def consequences_of(*, partnership: Partnership, to_status: str) -> list[Consequence]:
    found = []
    for provider in _providers:
        consequence = provider(partnership=partnership, to_status=to_status)
        if consequence is not None:
            found.append(consequence)
    return found

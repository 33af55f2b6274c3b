"""Sections that higher apps add to a lower app's page, without the lower app importing them.

A page (the partnership page, for instance) owns a `PanelRegistry`; an app built on top
registers a provider in its AppConfig.ready(). A provider is called with the request's user
and the page's object(s) as keyword arguments and returns a `Panel` (a template and its
context), or None when it has nothing to show that user.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


PanelProvider = Callable[..., Panel | None]


class PanelRegistry:
    def __init__(self) -> None:
        self._providers: list[tuple[int, PanelProvider, bool]] = []

    def register(
        self, provider: PanelProvider, *, order: int, with_request: bool = False
    ) -> PanelProvider:
        """Add a section; sections are shown by ascending `order`. Registering twice is a no-op.
        `with_request`: the provider is also given the request (a section that pages or sorts
        its own list from the query)."""
        if all(known is not provider for _order, known, _with in self._providers):
            self._providers.append((order, provider, with_request))
            self._providers.sort(key=lambda item: item[0])
        return provider

    def render(self, *, request, **objects) -> list[SafeString]:
        """The sections for this user, rendered in order; each template gets `objects` too."""
        rendered = []
        for _order, provider, with_request in self._providers:
            extra = {"request": request} if with_request else {}
            panel = provider(user=request.user, **extra, **objects)
            if panel is not None:
                rendered.append(
                    render_to_string(panel.template, {**objects, **panel.context}, request=request)
                )
        return rendered

"""The panel registry lets higher apps add sections to a lower app's page."""

import pytest
from django.test import RequestFactory

from common.panels import Panel, PanelRegistry
from partnerships.panels import partnership_panels


def test_sections_render_in_order_and_a_provider_may_show_nothing(settings):
    template = "<p>{{ label }} {{ thing }}</p>"
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [("django.template.loaders.locmem.Loader", {"panel.html": template})]
            },
        }
    ]
    registry = PanelRegistry()

    def second(*, user, thing):
        return Panel("panel.html", {"label": "second"})

    def first(*, user, thing):
        return Panel("panel.html", {"label": "first"})

    def hidden(*, user, thing):
        return None

    registry.register(second, order=20)
    registry.register(first, order=10)
    registry.register(hidden, order=15)
    registry.register(first, order=10)  # twice is once
    request = RequestFactory().get("/")
    request.user = None
    assert registry.render(request=request, thing="x") == ["<p>first x</p>", "<p>second x</p>"]


@pytest.mark.django_db
def test_finance_governance_and_feeds_add_their_sections_to_the_partnership_page():
    names = [provider.__module__ for _order, provider, _with in partnership_panels._providers]
    assert names == ["finance.panels", "governance.panels", "feeds.panels"]

"""Sections that the apps built on partnerships add to a partnership's page.

Finance (its money) and governance (its groups) sit above partnerships in the layering, so the
partnership page cannot import them: each registers a provider in its AppConfig.ready(),
called as `provider(user=..., partnership=...)`.
"""

from common.panels import Panel, PanelRegistry

partnership_panels = PanelRegistry()
register_panel = partnership_panels.register

__all__ = ["Panel", "partnership_panels", "register_panel"]

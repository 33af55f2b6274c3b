"""Sections that apps built on top add to the user's own page (Mitt konto), such as the
calendar feed's address (see common.panels)."""

from common.panels import Panel, PanelRegistry

account_panels = PanelRegistry()
register_account_panel = account_panels.register

__all__ = ["Panel", "account_panels", "register_account_panel"]

"""Sections that higher apps add to the organisation page (the partnerships it is party to,
from partnerships), so the register imports none of them."""

from common.panels import PanelRegistry

organisation_panels = PanelRegistry()

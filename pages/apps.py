from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The public-sector frame: help for each role, contact and the accessibility statement."""

    name = "pages"
    verbose_name = _("Help and contact")

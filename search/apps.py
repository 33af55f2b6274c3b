from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search box across the register: organisations, partnerships (with their appendices
    and memos), meetings and documents, each scoped to what the user may see."""

    name = "search"
    verbose_name = _("Search")

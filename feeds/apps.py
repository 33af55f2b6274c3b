from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    name = "feeds"
    verbose_name = _("Calendar feeds")

    def ready(self):
        from accounts.panels import register_account_panel
        from partnerships.panels import register_panel

        from .panels import my_feed_panel, partnership_feed_panel

        register_account_panel(my_feed_panel, order=10)
        register_panel(partnership_feed_panel, order=90)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Organisation portal")

    def ready(self):
        # Imported here, not at the top: models may be imported only once the registry is ready.
        from governance.selectors import register_deadline_provider

        from .dashboard import account_and_report_deadlines

        register_deadline_provider(account_and_report_deadlines)

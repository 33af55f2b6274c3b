from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Organisation portal")

    def ready(self):
        # Imported here, not at the top: models may be imported only once the registry is ready.
        from finance.panels import register_finance_page_panel
        from governance.selectors import register_deadline_provider
        from partnerships.consequences import register_consequences
        from partnerships.next_steps import register_steps

        from .consequences import accounts_and_reports_due
        from .dashboard import account_and_report_deadlines
        from .next_steps import portal_steps
        from .panels import accounts_chart_panel

        register_deadline_provider(account_and_report_deadlines)
        register_finance_page_panel(accounts_chart_panel, order=10)
        register_steps(portal_steps)
        register_consequences(accounts_and_reports_due, topic="reporting")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Finance")

    def ready(self):
        # Imported here, not at the top: models may be imported only once the registry is ready.
        from governance.selectors import register_deadline_provider
        from partnerships.consequences import register_consequences
        from partnerships.next_steps import register_steps
        from partnerships.panels import register_panel

        from .consequences import payments_that_stop
        from .dashboard import payment_deadlines
        from .next_steps import finance_steps
        from .panels import finance_panel

        register_deadline_provider(payment_deadlines)
        register_panel(finance_panel, order=10)
        register_steps(finance_steps)
        register_consequences(payments_that_stop, topic="payments")
        from . import jobs  # noqa: F401  (registers the background work)

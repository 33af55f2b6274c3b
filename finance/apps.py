from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Finance")

    def ready(self):
        from governance.selectors import register_deadline_provider

        from .dashboard import payment_deadlines

        register_deadline_provider(payment_deadlines)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        # Imported here, not at the top: models may be imported only once the registry is ready.
        from partnerships import guards
        from partnerships.next_steps import register_steps

        from .next_steps import reporting_steps
        from .services.agreements import (
            amendment_in_progress,
            amendment_open_if_needed,
            ensure_not_frozen,
        )

        guards.register(ensure_not_frozen)
        guards.register_amendment_check(amendment_in_progress)
        guards.register_amendment_opener(amendment_open_if_needed)
        register_steps(reporting_steps)
        from . import jobs  # noqa: F401  (registers the background work)

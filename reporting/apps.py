from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from .pdfa import ghostscript_missing


def ghostscript_check(app_configs, **kwargs):
    """`check --deploy` says when signed copies cannot get their PDF/A rendition."""
    missing = ghostscript_missing()
    if not missing:
        return []
    return [
        checks.Warning(
            f"No {'Ghostscript' if missing == 'ghostscript' else 'sRGB ICC profile'} found "
            "(IOP_GHOSTSCRIPT, IOP_PDFA_ICC_PROFILE): signed copies that are not PDF/A get no "
            "PDF/A rendition in the archive package.",
            hint="apt-get install ghostscript",
            id="reporting.W001",
        )
    ]


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        # Imported here, not at the top: models may be imported only once the registry is ready.
        from partnerships import guards
        from partnerships.next_steps import register_steps

        from .next_steps import reporting_steps
        from .selectors import issued_appendix_numbers
        from .services.agreements import (
            amendment_in_progress,
            amendment_open_if_needed,
            ensure_not_frozen,
        )

        guards.register(ensure_not_frozen)
        guards.register_amendment_check(amendment_in_progress)
        guards.register_amendment_opener(amendment_open_if_needed)
        guards.register_issued_numbers(issued_appendix_numbers)
        register_steps(reporting_steps)
        from . import jobs  # noqa: F401  (registers the background work)

        checks.register(ghostscript_check, checks.Tags.compatibility, deploy=True)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        # Imported here, not at the top: models may be imported only once the registry is ready.
        from partnerships.panels import register_panel

        from .panels import groups_panel

        register_panel(groups_panel, order=20)

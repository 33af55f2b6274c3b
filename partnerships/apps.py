from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        # Imported here, not at the top: models may be imported only once the registry is ready.
        from organisations.panels import organisation_panels

        from .organisation_panel import organisation_partnerships_panel

        organisation_panels.register(organisation_partnerships_panel, order=10, with_request=True)

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public body")
    IDEA_BASED = "idea_based", _("Idea-based organisation")


class LegalForm(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    NON_PROFIT_ASSOCIATION = "non_profit_association", _("Non-profit association")
    FOUNDATION = "foundation", _("Foundation")
    RELIGIOUS_COMMUNITY = "religious_community", _("Registered religious community")
    ECONOMIC_ASSOCIATION = "economic_association", _("Economic association")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    OFFICIAL = "official", _("Official")
    REPRESENTATIVE = "representative", _("Organisation representative")


# Roles that act for a public body; a representative acts for an idea-based organisation.
STAFF_ROLES = (Role.ADMINISTRATOR, Role.OFFICIAL)


class GiroChangeStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A giro change is confirmed by a second administrator, or withdrawn; then it is history.
GIRO_CHANGE_TRANSITIONS = {
    GiroChangeStatus.PENDING: (GiroChangeStatus.CONFIRMED, GiroChangeStatus.WITHDRAWN),
}

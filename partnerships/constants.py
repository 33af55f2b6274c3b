from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed to the board")
    DECIDED = "decided", _("Decided by the board")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    TERMINATED = "terminated", _("Terminated")


# The lifecycle, as data: from each status, the statuses a transition may lead to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.PROPOSED,),
    Status.PROPOSED: (Status.DECIDED, Status.DRAFT),
    Status.DECIDED: (Status.SIGNED, Status.TERMINATED),
    Status.SIGNED: (Status.ACTIVE, Status.TERMINATED),
    Status.ACTIVE: (Status.ENDED, Status.TERMINATED),
    Status.ENDED: (),
    Status.TERMINATED: (),
}

# Statuses that end the partnership for good: reached only through a confirmation, with a reason.
FINAL_STATUSES = (Status.ENDED, Status.TERMINATED)

# Reached only by the last signature of a prepared version, or by recording an agreement
# signed on paper: never chosen by hand.
SIGNED_BY_AGREEMENT = (Status.SIGNED,)

# Statuses in which the agreement's content is still being drafted and may change freely.
EDITABLE_STATUSES = (Status.DRAFT, Status.PROPOSED)


class Criterion(models.TextChoices):
    """Forum's six criteria for when an IOP fits (seed 003, seed 004)."""

    INITIATIVE = "initiative", _("The activity is initiated by the idea-based organisation")
    POLITICAL_PROGRAMME = (
        "political_programme",
        _("The activity is a step in realising a political programme or plan"),
    )
    NOT_GRANT = "not_grant", _("The activity is not part of the ordinary grant scheme")
    NO_MARKET = "no_market", _("There is no market or competition to protect")
    BOTH_FINANCE = "both_finance", _("Both parties contribute to the activity")
    NOT_REGULATED = "not_regulated", _("The municipality does not regulate the activity in detail")


class AppendixStatus(models.TextChoices):
    CURRENT = "current", _("In force")
    REPLACED = "replaced", _("Replaced")
    DROPPED = "dropped", _("Dropped")


class ResourceKind(models.TextChoices):
    MONEY = "money", _("Money")
    PREMISES = "premises", _("Premises")
    VOLUNTEERS = "volunteers", _("Volunteers")
    MANAGEMENT = "management", _("Management and administration")
    STAFF = "staff", _("Staff")
    OTHER = "other", _("Other")

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class GroupKind(models.TextChoices):
    STEERING = "steering", _("Steering group")
    COOPERATION = "cooperation", _("Cooperation group")


# The seeds' cadence, in days between meetings: the steering group every three months,
# the cooperation group at least monthly (seed 002 §2); Bris meets once per term (seed 001 §3.2).
DEFAULT_MEETING_INTERVAL_DAYS = {
    GroupKind.STEERING: 91,
    GroupKind.COOPERATION: 30,
}
ONCE_PER_TERM_INTERVAL_DAYS = 183
DEFAULT_CHAIR_TERM_MONTHS = 3

# Intervals people say in words; any other interval is said in days.
_CADENCE_WORDS = (
    ((7,), _("every week")),
    ((14,), _("every other week")),
    ((28, 29, 30, 31), _("every month")),
    ((60, 61, 62), _("every other month")),
    ((89, 90, 91, 92), _("every three months")),
    ((182, 183, 184), _("twice a year (once per term)")),
    ((365, 366), _("once a year")),
)


def cadence_in_words(days: int) -> str:
    """91 → "every three months": the way the agreement says it, not the stored number."""
    for lengths, words in _CADENCE_WORDS:
        if days in lengths:
            return str(words)
    return ngettext("every %(days)s day", "every %(days)s days", days) % {"days": days}


class MemberRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("Representative")
    PROCESS_LEADER = "process_leader", _("Process leader")
    CASE_OFFICER = "case_officer", _("Case officer")
    OTHER = "other", _("Other")


class DecisionKind(models.TextChoices):
    ADMIT_ORGANISATION = "admit_organisation", _("New organisation admitted")
    ACTION_PLAN = "action_plan", _("Action plan required from an organisation")
    TERMINATE_ORGANISATION = "terminate_organisation", _("Organisation terminated")
    CHANGE_COMMITMENTS = "change_commitments", _("Change of commitments")
    BUDGET_DEVIATION_APPROVED = "budget_deviation_approved", _("Budget deviation approved")
    OTHER = "other", _("Other")


# Only the steering group admits or terminates an organisation (seed 002 §3.4).
STEERING_ONLY_DECISIONS = (DecisionKind.ADMIT_ORGANISATION, DecisionKind.TERMINATE_ORGANISATION)
# Decisions about one organisation name it.
ORGANISATION_DECISIONS = (
    DecisionKind.ADMIT_ORGANISATION,
    DecisionKind.ACTION_PLAN,
    DecisionKind.TERMINATE_ORGANISATION,
)


class ReportKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Half-year report")
    YEAR_END = "year_end", _("Report before the new contract year")


class DeadlineKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CHAIR_DRAW = "chair_draw", _("Chair draw")
    REPORT = "report", _("Written report")
    COMPILATION = "compilation", _("Yearly compilation")
    PERIOD_END = "period_end", _("Period ends")
    EXTENSION_DECISION = "extension_decision", _("Decision on extension")
    # Added by the apps that build on governance (see selectors.register_deadline_provider).
    PAYMENT = "payment", _("Payment")
    ANNUAL_ACCOUNT = "annual_account", _("Annual financial account")
    ACTIVITY_REPORT = "activity_report", _("Activity report")


# Deadlines that are the administration's own work: not shown to organisation representatives.
ADMINISTRATION_DEADLINES = (DeadlineKind.COMPILATION, DeadlineKind.EXTENSION_DECISION)

DASHBOARD_HORIZON_DAYS = 60

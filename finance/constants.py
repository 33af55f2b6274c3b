from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentFrequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")
    MONTHLY = "monthly", _("Monthly")


# Months covered by one instalment.
FREQUENCY_MONTHS: dict[str, int] = {
    PaymentFrequency.MONTHLY: 1,
    PaymentFrequency.QUARTERLY: 3,
    PaymentFrequency.HALF_YEARLY: 6,
    PaymentFrequency.YEARLY: 12,
}


class Rounding(models.TextChoices):
    """How a period's budget is split over its instalments; the first takes the remainder."""

    ORE = "ore", _("Exact to the öre, remainder on the first payment")
    WHOLE_KRONOR = "whole_kronor", _("Whole kronor, remainder on the first payment")


class PeriodBasis(models.TextChoices):
    CONTRACT_YEAR = "contract_year", _("Contract years from the start date")
    CALENDAR_YEAR = "calendar_year", _("Calendar years (short first and last period)")


class PaymentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    STOPPED = "stopped", _("Stopped")


# The lifecycle of a payment, as data.
PAYMENT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PaymentStatus.PLANNED: (PaymentStatus.APPROVED, PaymentStatus.STOPPED),
    PaymentStatus.APPROVED: (PaymentStatus.PAID, PaymentStatus.STOPPED),
    PaymentStatus.PAID: (),
    PaymentStatus.STOPPED: (),
}

# Payments in these statuses are never touched by regenerating a schedule.
LOCKED_PAYMENT_STATUSES = (PaymentStatus.APPROVED, PaymentStatus.PAID, PaymentStatus.STOPPED)
# Payments still to go out.
OPEN_PAYMENT_STATUSES = (PaymentStatus.PLANNED, PaymentStatus.APPROVED)

DEFAULT_AMOUNT_PER_CHILD = 5000

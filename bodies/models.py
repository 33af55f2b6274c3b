"""Each public body's own settings. Every field left empty falls back to the installation's
value (the environment, see README); `bodies.selectors.body_settings(body)` answers with the
effective values. What is stored is the body's own wording (data), never a translated text."""

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.constants import Sector
from organisations.models import Organisation

account_number = RegexValidator(r"^\d{4}$", _("An account number has four digits."))


def _logo_path(instance, filename):
    # The service chooses an unguessable name; nothing of the uploaded name is kept.
    return f"bodies/logos/{filename}"


class BodySettings(models.Model):
    body = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="body_settings",
        limit_choices_to={"sector": Sector.PUBLIC},
        verbose_name=_("public body"),
    )
    letterhead_name = models.CharField(
        _("name on the letterhead"),
        max_length=200,
        blank=True,
        help_text=_("For example Socialförvaltningen. Empty: the body's name."),
    )
    logo = models.FileField(_("logo"), upload_to=_logo_path, blank=True, max_length=200)
    deciding_body = models.CharField(
        _("deciding body"),
        max_length=200,
        blank=True,
        help_text=_("The board that decides on partnerships, for example Socialnämnden."),
    )
    head_title = models.CharField(
        _("title of the head of administration"),
        max_length=200,
        blank=True,
        help_text=_("For example Förvaltningschef or Stadsdirektör."),
    )
    signing_place = models.CharField(
        _("place of signing"),
        max_length=100,
        blank=True,
        help_text=_("Printed above the body's signature. Empty: the body's city."),
    )
    two_person_approval = models.BooleanField(
        _("two-person payment approval"),
        null=True,
        blank=True,
        help_text=_("Whether a payment is approved by another administrator than its preparer."),
    )
    deviation_threshold_percent = models.PositiveSmallIntegerField(
        _("deviation threshold (percent)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "An annual account line deviating more than this from its budget needs an explanation."
        ),
    )
    sie_expense_account = models.CharField(
        _("SIE expense account"), max_length=4, blank=True, validators=[account_number]
    )
    sie_expense_account_name = models.CharField(
        _("name of the SIE expense account"), max_length=100, blank=True
    )
    sie_payable_account = models.CharField(
        _("SIE payables account"), max_length=4, blank=True, validators=[account_number]
    )
    sie_payable_account_name = models.CharField(
        _("name of the SIE payables account"), max_length=100, blank=True
    )
    account_due_days = models.PositiveSmallIntegerField(
        _("annual account due (days before the new contract year)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(365)],
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body settings")
        verbose_name_plural = _("body settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(deviation_threshold_percent__isnull=True)
                | Q(deviation_threshold_percent__lte=100),
                name="body_settings_threshold_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(account_due_days__isnull=True) | Q(account_due_days__lte=365),
                name="body_settings_due_days_at_most_365",
            ),
        ]

    def __str__(self):
        return str(self.body)

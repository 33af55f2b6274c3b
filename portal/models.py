"""The organisation portal: annual financial accounts with their review, activity reports with
aggregated figures only, invitations and sent reminders."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bodies.selectors import body_settings
from common.money import ZERO, money_field
from finance.models import BudgetLine, BudgetPeriod, Payment
from organisations.models import Organisation
from organisations.roles import roles_for
from partnerships.models import Partnership, Party

from .constants import (
    ACCOUNT_TRANSITIONS,
    EDITABLE_ACCOUNT_STATUSES,
    REPORT_TRANSITIONS,
    AccountStatus,
    AttachmentKind,
    Dimension,
    ReportKind,
    ReportStatus,
    ReviewDecision,
    SettlementDecision,
    SettlementKind,
)


def deviation_threshold(body) -> Decimal:
    """The body's threshold in percent (its setting, by default the installation's)."""
    return body_settings(body).deviation_threshold_percent


def _attachment_path(instance, filename):
    # The service chooses an unguessable name; nothing of the original name is kept in it.
    return f"portal/accounts/{filename}"


class AnnualAccountQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff of the public body see its partnerships' accounts; a representative only
        their own organisation's."""
        roles = roles_for(user)
        if roles.is_superuser:
            return self
        return self.filter(
            roles.reach_q(
                body_field="party__partnership__public_body_id",
                organisation_field="party__organisation_id",
            )
        )

    def for_list(self):
        return self.select_related("party__organisation", "party__partnership", "period")


class AnnualAccount(models.Model):
    """An organisation's account of one contract year: how the resources were used."""

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="annual_accounts", verbose_name=_("party")
    )
    period = models.ForeignKey(
        BudgetPeriod,
        on_delete=models.PROTECT,
        related_name="annual_accounts",
        verbose_name=_("contract year"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AccountStatus.choices,
        default=AccountStatus.DRAFT,
        editable=False,
    )
    other_income = money_field(
        _("other income (kr)"),
        default=ZERO,
        help_text=_("For example fees from other municipalities, reinvested in the activity."),
    )
    other_income_note = models.TextField(_("about the other income"), blank=True)
    own_money = money_field(_("own co-financing in money (kr)"), default=ZERO)
    own_in_kind = models.TextField(
        _("own co-financing in kind"),
        blank=True,
        help_text=_("Premises, volunteers, management and so on."),
    )
    own_in_kind_value = money_field(
        _("valuation of the contribution in kind (kr)"), null=True, blank=True
    )
    # Budget minus actual over the account's lines (`unspent_from_lines`), set by the service
    # on every save; another figure only with `unspent_reason` (the override, recorded).
    unspent = money_field(
        _("unspent money (kr)"),
        default=ZERO,
        help_text=_("Compensation received but not used during the year."),
    )
    unspent_reason = models.TextField(
        _("why the unspent money is not budget minus actual"), blank=True
    )
    narrative = models.TextField(_("how the resources were used"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = AnnualAccountQuerySet.as_manager()

    class Meta:
        ordering = ["period__start", "party__organisation__name"]
        verbose_name = _("annual financial account")
        verbose_name_plural = _("annual financial accounts")
        constraints = [
            models.UniqueConstraint(fields=["party", "period"], name="account_once_per_period"),
            models.CheckConstraint(
                condition=Q(other_income__gte=0)
                & Q(own_money__gte=0)
                & Q(unspent__gte=0)
                & (Q(own_in_kind_value__isnull=True) | Q(own_in_kind_value__gte=0)),
                name="account_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.party.organisation} {self.period.label}"

    def get_absolute_url(self):
        return reverse("portal:account", args=[self.pk])

    def unspent_from_lines(self) -> Decimal:
        """Budget minus actual over the lines whose actual cost is entered, never below 0."""
        lines = [line for line in self.lines.all() if line.actual is not None]
        difference = sum((line.budget_amount - line.actual for line in lines), ZERO)
        return max(difference, ZERO)

    @property
    def unspent_is_overridden(self) -> bool:
        return bool(self.unspent_reason)

    @cached_property
    def deviation_threshold(self) -> Decimal:
        """The threshold of the partnership's body, asked once for all the account's lines."""
        return deviation_threshold(self.party.partnership.public_body_id)

    @property
    def allowed_transitions(self) -> tuple[str, ...]:
        return ACCOUNT_TRANSITIONS[self.status]

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_ACCOUNT_STATUSES


class AccountEvent(models.Model):
    """One step of an account through its lifecycle: who, when, from what, to what."""

    account = models.ForeignKey(AnnualAccount, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=AccountStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=AccountStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("account event")
        verbose_name_plural = _("account events")

    def __str__(self):
        return f"{self.account}: {self.from_status} → {self.to_status}"


class AccountLine(models.Model):
    """One budget line of the account: the budget amount copied, the actual cost entered."""

    account = models.ForeignKey(AnnualAccount, on_delete=models.CASCADE, related_name="lines")
    budget_line = models.ForeignKey(
        BudgetLine, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    category = models.CharField(_("budget line"), max_length=100)
    budget_amount = money_field(_("budget (kr)"))
    actual = money_field(_("actual cost (kr)"), null=True, blank=True)
    explanation = models.TextField(_("explanation of the deviation"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("account line")
        verbose_name_plural = _("account lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_amount__gte=0) & (Q(actual__isnull=True) | Q(actual__gte=0)),
                name="account_line_not_negative",
            ),
        ]

    def __str__(self):
        return self.category

    def field_name(self, name: str) -> str:
        """The form field (and the key of a service error) for this line's `name`."""
        return f"line-{self.pk}-{name}"

    @property
    def difference(self) -> Decimal | None:
        return None if self.actual is None else self.actual - self.budget_amount

    @property
    def deviation_percent(self) -> Decimal | None:
        """How far the actual cost is from the budget, in percent of the budget (None when
        there is no actual cost yet, or no budget to compare with)."""
        if self.actual is None or not self.budget_amount:
            return None
        return (abs(self.actual - self.budget_amount) * 100 / self.budget_amount).quantize(
            Decimal("0.1")
        )

    @property
    def is_flagged(self) -> bool:
        if self.actual is None:
            return False
        if not self.budget_amount:
            return self.actual > 0
        limit = self.account.deviation_threshold * self.budget_amount
        return abs(self.actual - self.budget_amount) * 100 > limit


class AccountAttachment(models.Model):
    """A document behind the account, served only through a permission-checked view."""

    account = models.ForeignKey(AnnualAccount, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("portal:attachment", args=[self.pk])


class AccountReview(models.Model):
    """One review round: who decided what, when, and why. Every round is kept."""

    account = models.ForeignKey(AnnualAccount, on_delete=models.CASCADE, related_name="reviews")
    round = models.PositiveSmallIntegerField(_("round"))
    decision = models.CharField(_("decision"), max_length=20, choices=ReviewDecision.choices)
    comment = models.TextField(_("comment"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    reviewed_at = models.DateTimeField(_("when"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["reviewed_at", "pk"]
        verbose_name = _("account review")
        verbose_name_plural = _("account reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "round"], name="account_review_once_per_round"
            ),
        ]

    def __str__(self):
        return f"{self.account} #{self.round}: {self.decision}"


class Settlement(models.Model):
    """What an approved account with unspent money proposes, and the administrator's decision."""

    account = models.OneToOneField(
        AnnualAccount, on_delete=models.CASCADE, related_name="settlement"
    )
    kind = models.CharField(_("proposal"), max_length=20, choices=SettlementKind.choices)
    amount = money_field(_("amount (kr)"))
    next_payment = models.ForeignKey(
        Payment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("next payment"),
    )
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=SettlementDecision.choices,
        default=SettlementDecision.PENDING,
        editable=False,
    )
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("settlement of unspent money")
        verbose_name_plural = _("settlements of unspent money")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="settlement_amount_positive"),
        ]

    def __str__(self):
        return f"{self.account}: {self.get_kind_display()}"


class ActivityReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(partnership__in=Partnership.objects.visible_to(user).values("pk"))

    def for_list(self):
        return self.select_related("partnership", "period", "organisation", "group_report")


class ActivityReport(models.Model):
    """A half-yearly or yearly report on the activity: aggregated figures only, no person."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="activity_reports",
        verbose_name=_("partnership"),
    )
    period = models.ForeignKey(
        BudgetPeriod,
        on_delete=models.PROTECT,
        related_name="activity_reports",
        verbose_name=_("contract year"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="activity_reports",
        verbose_name=_("entered by"),
        help_text=_("Small figures are shown as “<5” to everyone outside this organisation."),
    )
    group_report = models.ForeignKey(
        "governance.GroupReport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_reports",
        verbose_name=_("cooperation group's report"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        editable=False,
    )
    feedback_count = models.PositiveIntegerField(_("feedback received (number)"), default=0)
    feedback_summary = models.TextField(_("summary of the feedback"), blank=True)
    complaints_count = models.PositiveIntegerField(_("complaints received (number)"), default=0)
    complaints_summary = models.TextField(_("summary of the complaints"), blank=True)
    narrative = models.TextField(_("the activity during the period"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = ActivityReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period__start", "kind", "organisation__name"]
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "period", "kind", "organisation"],
                name="activity_report_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period.label}"

    def get_absolute_url(self):
        return reverse("portal:report", args=[self.pk])

    @property
    def allowed_transitions(self) -> tuple[str, ...]:
        return REPORT_TRANSITIONS[self.status]


class ReportEvent(models.Model):
    """One step of an activity report through its lifecycle: who, when, from what, to what."""

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=ReportStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ReportStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self):
        return f"{self.report}: {self.from_status} → {self.to_status}"


class ReachFigure(models.Model):
    """How many people were reached in one category of one dimension. Never a person."""

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="figures")
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    category = models.CharField(_("category"), max_length=60)
    count = models.PositiveIntegerField(_("number of people"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["dimension", "pk"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "dimension", "category"], name="reach_figure_once"
            ),
        ]

    def __str__(self):
        return f"{self.dimension}/{self.category}: {self.count}"


class Invitation(models.Model):
    """A representative invited by e-mail, by one body, to speak for an organisation towards
    that body (the link itself is not stored)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    body = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        related_name="sent_invitations",
        verbose_name=_("invited by public body"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_invitations"
    )
    email = models.EmailField(_("e-mail"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    # An existing account is never attached silently: its owner accepts by the link (the
    # token), logged in as that user. A new account accepts by setting its password. Null for
    # invitations from before (unique, so not the empty string).
    token = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        ordering = ["-invited_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} ({self.organisation})"


class ReminderSent(models.Model):
    """A reminder e-mail that went out: at most one per item, recipient and day."""

    item = models.CharField(_("item"), max_length=100)
    due_on = models.DateField(_("due"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "user", "sent_on"], name="reminder_once_per_item_user_day"
            ),
        ]

    def __str__(self):
        return f"{self.item} → {self.user} {self.sent_on}"

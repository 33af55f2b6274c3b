"""Money in a partnership: budgets per appendix and period, co-financing, the payment
schedule and its payments, other income, and terminations."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.money import ZERO, money_field
from organisations.roles import roles_for
from organisations.validators import format_bankgiro, format_plusgiro
from partnerships.models import Appendix, Partnership, Party

from .constants import (
    DEFAULT_AMOUNT_PER_CHILD,
    OPEN_PAYMENT_STATUSES,
    PAYMENT_TRANSITIONS,
    PaymentFrequency,
    PaymentStatus,
    Rounding,
)


class FinanceTerms(models.Model):
    """A partnership's payment terms; created with defaults the first time they are needed."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="finance_terms"
    )
    payment_frequency = models.CharField(
        _("payment frequency"),
        max_length=20,
        choices=PaymentFrequency.choices,
        default=PaymentFrequency.QUARTERLY,
    )
    days_in_advance = models.PositiveSmallIntegerField(
        _("days before the covered period"),
        default=0,
        help_text=_("0 means the payment is due on the first day of the period it covers."),
    )
    notice_months = models.PositiveSmallIntegerField(_("notice period (months)"), default=3)
    refund_on_termination = models.BooleanField(
        _("refund on termination"),
        default=False,
        help_text=_(
            "Paid compensation for days after the termination date is paid back, pro rata "
            "(as in the Bris agreement). Otherwise the party keeps the notice period."
        ),
    )
    dispute_ends_partnership = models.BooleanField(
        _("an unresolved dispute ends the partnership"),
        default=False,
        help_text=_(
            "The organisations are paid for work begun and done; money not used because of "
            "the dispute goes back (as in the Bris agreement). Otherwise disputes are resolved "
            "by dialogue."
        ),
    )
    other_municipality_fee = money_field(
        _("fee per participant from another municipality (kr)"),
        null=True,
        blank=True,
        help_text=_(
            "Participants from other municipalities may take part for this fee, invoiced to "
            "their municipality, reported and reinvested in the partnership (as in the Bris "
            "agreement). Leave empty if the partnership does not offer it."
        ),
    )
    rounding = models.CharField(
        _("rounding"), max_length=20, choices=Rounding.choices, default=Rounding.ORE
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finance terms")
        verbose_name_plural = _("finance terms")

    def __str__(self):
        return str(self.partnership)


class BudgetPeriodQuerySet(models.QuerySet):
    def overlapping(self, *, start, end):
        return self.filter(start__lte=end, end__gte=start)


class BudgetPeriod(models.Model):
    """A contract year, or a short first or last period, of a partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="budget_periods"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    label = models.CharField(_("label"), max_length=60)

    history = HistoricalRecords()
    objects = BudgetPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("budget period")
        verbose_name_plural = _("budget periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="budget_period_end_after_start"
            ),
            models.UniqueConstraint(
                fields=["partnership", "start"], name="budget_period_unique_start"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class BudgetQuerySet(models.QuerySet):
    def visible_to(self, user):
        roles = roles_for(user)
        if roles.is_superuser:
            return self
        return self.filter(
            roles.reach_q(
                body_field="period__partnership__public_body_id",
                organisation_field="appendix__party__organisation_id",
            )
        )


class Budget(models.Model):
    """What the public party pays one organisation (its appendix) for one period."""

    appendix = models.ForeignKey(
        Appendix, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("appendix")
    )
    period = models.ForeignKey(
        BudgetPeriod, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("period")
    )
    total = money_field(_("total (kr)"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["period__start", "appendix__number"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(fields=["appendix", "period"], name="budget_once_per_period"),
            models.CheckConstraint(condition=Q(total__gte=0), name="budget_total_not_negative"),
        ]

    def __str__(self):
        return f"{self.appendix} {self.period}"


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("category"), max_length=100)
    amount = money_field(_("amount (kr)"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative"),
        ]

    def __str__(self):
        return self.category


class CoFinancing(models.Model):
    """A party's own contribution for a period: money and/or in kind."""

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="co_financing", verbose_name=_("party")
    )
    period = models.ForeignKey(
        BudgetPeriod,
        on_delete=models.CASCADE,
        related_name="co_financing",
        verbose_name=_("period"),
    )
    amount = money_field(_("money (kr)"), null=True, blank=True)
    in_kind = models.TextField(_("in kind"), blank=True)
    valuation = money_field(_("valuation of the contribution in kind (kr)"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["period__start", "pk"]
        verbose_name = _("co-financing")
        verbose_name_plural = _("co-financing")
        constraints = [
            models.UniqueConstraint(fields=["party", "period"], name="co_financing_once"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="co_financing_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(valuation__isnull=True) | Q(valuation__gte=0),
                name="co_financing_valuation_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.party} {self.period}"


class PaymentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff of the public body see its payments; a representative sees only payments to
        their own organisation."""
        roles = roles_for(user)
        if roles.is_superuser:
            return self
        return self.filter(
            roles.reach_q(
                body_field="partnership__public_body_id",
                organisation_field="party__organisation_id",
            )
        )

    def open(self):
        return self.filter(status__in=OPEN_PAYMENT_STATUSES)

    def for_list(self):
        return self.select_related(
            "partnership", "party__organisation", "period", "prepared_by", "approved_by"
        )


class Payment(models.Model):
    """One instalment of compensation to one organisation."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("partnership"),
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="payments", verbose_name=_("recipient")
    )
    period = models.ForeignKey(
        BudgetPeriod, on_delete=models.PROTECT, related_name="payments", verbose_name=_("period")
    )
    due_date = models.DateField(_("due date"))
    covers_from = models.DateField(_("covers from"))
    covers_to = models.DateField(_("covers to"))
    amount = money_field(_("amount (kr)"))
    bankgiro = models.CharField(_("bankgiro"), max_length=8, blank=True)
    plusgiro = models.CharField(_("plusgiro"), max_length=8, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PLANNED,
        editable=False,
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    prepared_at = models.DateTimeField(_("prepared"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    stopped_reason = models.TextField(_("reason for stopping"), blank=True)
    # A decided reduction (e.g. an approved account's unspent money): regenerating the
    # schedule leaves the payment's period alone once a payment in it has been reduced.
    reduced_by = money_field(_("reduced by (kr)"), default=ZERO, editable=False)
    termination = models.ForeignKey(
        "Termination",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stopped_payments",
    )

    history = HistoricalRecords()
    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "party__organisation__name", "pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        # The payment list and the admin sort on these, never on a join.
        indexes = [
            models.Index(fields=["due_date", "id"], name="payment_due_idx"),
            models.Index(fields=["status", "due_date", "id"], name="payment_status_due_idx"),
            # What is due (planned or approved) in date order: the finance overview's list reads
            # the first page of it without walking past every payment already paid.
            models.Index(
                fields=["due_date", "id"],
                condition=Q(status__in=OPEN_PAYMENT_STATUSES),
                name="payment_open_due_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="payment_not_negative"),
            models.CheckConstraint(
                condition=Q(covers_to__gte=models.F("covers_from")),
                name="payment_covers_forward",
            ),
        ]

    def __str__(self):
        return f"{self.party} {self.covers_from}–{self.covers_to}"

    @property
    def allowed_transitions(self) -> tuple[str, ...]:
        return PAYMENT_TRANSITIONS[self.status]

    @property
    def giro_display(self) -> str:
        if self.bankgiro:
            return f"BG {format_bankgiro(self.bankgiro)}"
        if self.plusgiro:
            return f"PG {format_plusgiro(self.plusgiro)}"
        return ""

    @property
    def covered_days(self) -> int:
        return (self.covers_to - self.covers_from).days + 1


class PaymentAllowance(models.Model):
    """A decision that allows a payment the agreement's state would refuse (before signing,
    or after the partnership ended): when, which paragraph, and who decided."""

    payment = models.OneToOneField(
        Payment, on_delete=models.CASCADE, related_name="allowance", verbose_name=_("payment")
    )
    decided_on = models.DateField(_("decided on"))
    decision_paragraph = models.CharField(_("paragraph of the minutes"), max_length=40)
    decided_by = models.CharField(_("decided by"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision allowing a payment")
        verbose_name_plural = _("decisions allowing payments")

    def __str__(self):
        return f"{self.payment}: {self.decided_by} {self.decided_on} {self.decision_paragraph}"


class PaymentEvent(models.Model):
    """One step of a payment through its lifecycle: who, when, from what, to what."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=PaymentStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=PaymentStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")

    def __str__(self):
        return f"{self.payment}: {self.from_status} → {self.to_status}"


class OtherIncome(models.Model):
    """Money from elsewhere, e.g. 5 000 kr per child from another municipality, reinvested in
    the partnership (seed 001 §3.2)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="other_income"
    )
    period = models.ForeignKey(
        BudgetPeriod,
        on_delete=models.PROTECT,
        related_name="other_income",
        verbose_name=_("period"),
    )
    payer = models.CharField(_("paying municipality"), max_length=200)
    children = models.PositiveIntegerField(_("number of children"))
    amount_per_child = money_field(_("amount per child (kr)"), default=DEFAULT_AMOUNT_PER_CHILD)
    total = money_field(_("total (kr)"), editable=False)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["period__start", "payer", "pk"]
        verbose_name = _("other income")
        verbose_name_plural = _("other income")
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="other_income_not_negative"),
        ]

    def __str__(self):
        return self.payer


class Extension(models.Model):
    """The partnership extended by one contract year, under the agreement's extension
    clause, by a recorded decision."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="extensions",
        verbose_name=_("partnership"),
    )
    old_end = models.DateField(_("previous end date"))
    new_end = models.DateField(_("new end date"))
    decided_on = models.DateField(_("decided on"))
    decision_paragraph = models.CharField(_("paragraph of the minutes"), max_length=40)
    decided_by = models.CharField(
        _("decided by"), max_length=200, help_text=_("For example Socialnämnden.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "new_end"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(new_end__gt=models.F("old_end")), name="extension_ends_later"
            ),
        ]

    def __str__(self):
        return f"{self.partnership}: {self.old_end} → {self.new_end}"


class Termination(models.Model):
    """A party, or the whole partnership (party empty), terminated on a date."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="terminations"
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terminations",
        verbose_name=_("party"),
    )
    date = models.DateField(_("termination date"))
    reason = models.TextField(_("reason"))
    notice_end = models.DateField(_("end of notice period"))
    # The figures the preview showed and the termination applied, kept as they were: the
    # finance page and the documents print these.
    kept_count = models.PositiveIntegerField(_("payments kept"), default=0)
    kept_amount = money_field(_("kept (kr)"), default=ZERO)
    stopped_count = models.PositiveIntegerField(_("payments stopped"), default=0)
    stopped_amount = money_field(_("stopped (kr)"), default=ZERO)
    reduced_amount = money_field(_("kept payments reduced by (kr)"), default=ZERO)
    refund_amount = money_field(_("to pay back (kr)"), default=ZERO)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("termination")
        verbose_name_plural = _("terminations")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(party__isnull=True),
                name="termination_whole_partnership_once",
            ),
            models.UniqueConstraint(
                fields=["party"], condition=Q(party__isnull=False), name="termination_party_once"
            ),
        ]

    def __str__(self):
        return f"{self.party or self.partnership} {self.date}"


class SieBatchQuerySet(models.QuerySet):
    def for_body(self, body):
        return self.filter(public_body=body)

    def for_list(self):
        """The list page's rows: who, how many payments and their sum, without the file."""
        return (
            self.defer("content")
            .select_related("created_by")
            .annotate(
                payment_count=models.Count("entries"),
                total=Coalesce(Sum("entries__payment__amount"), ZERO),
            )
            .order_by("-number", "pk")
        )


class SieBatch(models.Model):
    """One SIE export of a public body's approved payments: numbered per body, with who made it,
    when, the payments it holds and the file's bytes as they were handed out, so downloading it
    again gives the same file. A payment is in at most one batch (`SieBatchEntry.payment`)."""

    public_body = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="sie_batches",
        verbose_name=_("public body"),
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("exported by"),
    )
    created_at = models.DateTimeField(_("exported"), auto_now_add=True)
    content = models.BinaryField(_("file"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)

    objects = SieBatchQuerySet.as_manager()

    class Meta:
        ordering = ["public_body", "-number"]
        verbose_name = _("SIE batch")
        verbose_name_plural = _("SIE batches")
        constraints = [
            models.UniqueConstraint(
                fields=["public_body", "number"], name="sie_batch_number_per_body"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="sie_batch_number_positive"),
        ]

    def __str__(self):
        return f"{self.public_body} SIE {self.number}"

    @property
    def filename(self) -> str:
        return f"utbetalningar-sie-{self.number:04d}.si"


class SieBatchEntry(models.Model):
    """A payment in a batch. One row per payment at most: the database refuses a second."""

    batch = models.ForeignKey(SieBatch, on_delete=models.PROTECT, related_name="entries")
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, related_name="sie_entry", verbose_name=_("payment")
    )

    class Meta:
        ordering = ["batch", "pk"]
        verbose_name = _("payment in an SIE batch")
        verbose_name_plural = _("payments in SIE batches")

    def __str__(self):
        return f"{self.batch}: {self.payment}"

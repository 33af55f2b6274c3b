import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Organisation
from organisations.roles import roles_for

from .constants import (
    EDITABLE_STATUSES,
    TRANSITIONS,
    AppendixStatus,
    Criterion,
    ResourceKind,
    Status,
)


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every view starts here: staff see their body's partnerships, representatives
        those their organisation is party to with the bodies that invited them, superusers
        everything."""
        roles = roles_for(user)
        if roles.is_superuser:
            return self
        condition = roles.staff_q("public_body_id")
        if roles.is_representative:
            # A representative sees the partnerships of the bodies that invited them in
            # which their organisation is (or was) a party.
            condition |= roles.represented_q("parties__organisation_id", "public_body_id")
            return self.filter(pk__in=self.filter(condition).values("pk"))
        return self.filter(condition)

    def search(self, term: str):
        term = (term or "").strip()
        if not term:
            return self
        organisations = Q(name__icontains=term)
        digits = term.replace("-", "").replace(" ", "")
        if digits.isdigit() and len(digits) >= 4:
            organisations |= Q(org_number__contains=digits[-10:])
        # The parties' organisations as a subquery, not a join: each side is then served by
        # its own trigram index, and no partnership is counted once per party.
        parties = Party.objects.filter(
            organisation__in=Organisation.objects.filter(organisations)
        ).values("partnership_id")
        return self.filter(
            Q(title__icontains=term) | Q(registry_number__icontains=term) | Q(pk__in=parties)
        )

    def party_organisations(self):
        """The organisations that are parties to these partnerships."""
        parties = Party.objects.filter(partnership__in=self.values("pk"))
        return Organisation.objects.filter(pk__in=parties.values("organisation_id"))

    def for_list(self):
        """The partnership list: one query for the rows, one for their parties."""
        return self.select_related("public_body").prefetch_related(
            models.Prefetch(
                "parties",
                queryset=Party.objects.select_related("organisation").order_by(
                    "-is_public", "organisation__name"
                ),
            )
        )


class Partnership(models.Model):
    public_body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_partnerships",
        limit_choices_to={"sector": "public"},
        verbose_name=_("public body"),
    )
    title = models.CharField(_("title"), max_length=300)
    registry_number = models.CharField(
        _("registry number (dnr)"), max_length=60, help_text=_("For example 156-139/2015.")
    )
    purpose = models.TextField(_("purpose"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    shared_values = models.TextField(_("shared values"), blank=True)
    background = models.TextField(_("background"), blank=True)
    activities = models.TextField(
        _("activities"), blank=True, help_text=_("One activity per line.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    latest_end_date = models.DateField(
        _("latest end date with extensions"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty if the partnership cannot be extended. Extended a year at a time."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    decided_on = models.DateField(
        _("decided by the board on"), null=True, blank=True, editable=False
    )
    decision_paragraph = models.CharField(
        _("paragraph of the board's minutes"), max_length=40, blank=True, editable=False
    )
    # The official at the body who answers for the partnership: the dashboard's "mine".
    case_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="partnerships_in_charge",
        verbose_name=_("case officer"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        # The list's sortable columns; search by text uses trigram indexes on PostgreSQL
        # (migration 'search_indexes').
        indexes = [
            models.Index(fields=["start_date", "title", "id"], name="partnership_start_idx"),
            models.Index(fields=["title", "id"], name="partnership_title_idx"),
            models.Index(fields=["registry_number", "id"], name="partnership_dnr_idx"),
            models.Index(fields=["status", "start_date"], name="partnership_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["public_body", "registry_number"],
                name="partnership_unique_registry_number_per_body",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="partnership_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(latest_end_date__isnull=True)
                | Q(latest_end_date__gte=models.F("end_date")),
                name="partnership_latest_end_after_end",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The period cannot end before it starts.")
        if self.end_date and self.latest_end_date and self.latest_end_date < self.end_date:
            errors["latest_end_date"] = _(
                "The latest end date with extensions cannot be before the end date."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def allowed_transitions(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]

    @property
    def decided_after_start(self) -> bool:
        """The board decided after the period had begun: allowed, and said where it shows."""
        return bool(self.decided_on and self.start_date and self.decided_on > self.start_date)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_extendable(self) -> bool:
        return self.latest_end_date is not None and self.latest_end_date > self.end_date

    @property
    def activity_list(self) -> list[str]:
        return [line.strip() for line in self.activities.splitlines() if line.strip()]


class StatusChange(models.Model):
    """One step through the lifecycle, with who took it and when."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    changed_at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.partnership}: {self.from_status} → {self.to_status}"


class CriterionAssessment(models.Model):
    """Why IOP and not a grant or procurement: one of Forum's criteria, met or not."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.CharField(_("criterion"), max_length=30, choices=Criterion.choices)
    is_met = models.BooleanField(_("met"), null=True)
    justification = models.TextField(_("justification"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("criterion assessment")
        verbose_name_plural = _("criterion assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "criterion"], name="criterion_once_per_partnership"
            ),
        ]

    def __str__(self):
        return self.get_criterion_display()


class PartyQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)


class Party(models.Model):
    """An organisation's membership of a partnership: the public party or an idea-based one."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="parties", verbose_name=_("partnership")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="parties",
        verbose_name=_("organisation"),
    )
    is_public = models.BooleanField(_("public party"), default=False, editable=False)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["-is_public", "joined_on", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="party_once_per_partnership"
            ),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(is_public=True),
                name="party_one_public_party",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="party_left_after_joined",
            ),
        ]

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A party cannot leave before it joined.")})

    @property
    def current_appendix(self):
        # Uses the prefetched appendices where the page loaded them.
        for appendix in self.appendices.all():
            if appendix.status == AppendixStatus.CURRENT:
                return appendix
        return None


_NUMBERED_TITLE = re.compile(r"^\s*bilaga\s+\d+(?:\.\d+)*\s*[:.–—-]?\s*", re.IGNORECASE)


def appendix_heading(title: str) -> str:
    """The title without a number of its own ("Bilaga 1 – Avtal Bris" → "Avtal Bris"): the
    appendix's number comes from the parties' order, and a second one in the title would
    contradict it."""
    return _NUMBERED_TITLE.sub("", title or "").strip()


class Appendix(models.Model):
    """A party's commitments and own resources (bilaga), changeable without touching the
    main agreement. Replacing one keeps the old version, readable, as `replaced`."""

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="appendices", verbose_name=_("party")
    )
    number = models.CharField(_("number"), max_length=10, help_text=_("For example 2.1."))
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=300, blank=True)
    commitments = models.TextField(_("commitments"))
    valid_from = models.DateField(_("valid from"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AppendixStatus.choices,
        default=AppendixStatus.CURRENT,
        editable=False,
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        editable=False,
        verbose_name=_("replaces"),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number", "-version"]
        verbose_name = _("appendix")
        verbose_name_plural = _("appendices")
        constraints = [
            models.UniqueConstraint(
                fields=["party"],
                condition=Q(status="current"),
                name="appendix_one_current_per_party",
            ),
            models.UniqueConstraint(
                fields=["party", "version"], name="appendix_unique_version_per_party"
            ),
        ]

    def __str__(self):
        return _("Appendix %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("partnerships:appendix", args=[self.party.partnership_id, self.pk])


class Resource(models.Model):
    """Something a party brings in: money (an amount) or in kind (premises, volunteers …)."""

    appendix = models.ForeignKey(
        Appendix, on_delete=models.CASCADE, related_name="resources", verbose_name=_("appendix")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    description = models.CharField(_("description"), max_length=500)
    amount = models.DecimalField(
        _("amount (kr)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Money, or an optional valuation of a contribution in kind."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="resource_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(kind="money") | Q(amount__isnull=False),
                name="resource_money_has_amount",
            ),
        ]

    def __str__(self):
        return self.description

    def clean(self):
        if self.kind == ResourceKind.MONEY and self.amount is None:
            raise ValidationError({"amount": _("Money needs an amount.")})

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisations.models import Organisation
from partnerships.models import Partnership, Party

from .constants import (
    DEFAULT_CHAIR_TERM_MONTHS,
    DecisionKind,
    GroupKind,
    MemberRole,
    ReportKind,
    cadence_in_words,
)


def _minutes_path(instance, filename):
    # The name is chosen by the service (unguessable); keep it under one folder.
    return f"governance/minutes/{filename}"


class GroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Groups of partnerships the user may see: the body's staff and the parties'
        representatives."""
        return self.filter(partnership__in=Partnership.objects.visible_to(user).values("pk"))


class Group(models.Model):
    """A partnership's steering group or cooperation group (at most one of each)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="groups", verbose_name=_("partnership")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GroupKind.choices)
    meeting_interval_days = models.PositiveIntegerField(
        _("days between meetings"),
        validators=[MinValueValidator(1)],
        help_text=_("The steering group meets every 91 days, the cooperation group every 30."),
    )
    chair_term_months = models.PositiveSmallIntegerField(
        _("chair's term (months)"),
        default=DEFAULT_CHAIR_TERM_MONTHS,
        validators=[MinValueValidator(1)],
    )
    chair_by_lot = models.BooleanField(
        _("chair drawn by lot"),
        default=True,
        help_text=_(
            "The chair is drawn by lot at the first meeting and again when the term runs out "
            "(seed 002). Otherwise the group leads itself and no draw is due."
        ),
    )
    writes_reports = models.BooleanField(
        _("written reports to the steering group"),
        default=True,
        help_text=_(
            "A cooperation group reports in writing half-way through each contract year and "
            "before the next begins (seed 002 §2.2)."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()
    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "kind"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "kind"], name="group_one_per_kind"),
            models.CheckConstraint(
                condition=Q(meeting_interval_days__gte=1), name="group_interval_positive"
            ),
            models.CheckConstraint(
                condition=Q(chair_term_months__gte=1), name="group_term_positive"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.partnership}"

    def get_absolute_url(self):
        return reverse("governance:group", args=[self.pk])

    @property
    def cadence(self) -> str:
        return cadence_in_words(self.meeting_interval_days)

    @property
    def is_steering(self) -> bool:
        return self.kind == GroupKind.STEERING


class GroupMemberQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)


class GroupMember(models.Model):
    """A person in a group, for an organisation. Leaving keeps the row, with its dates."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="members", verbose_name=_("group")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="group_memberships",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = GroupMemberQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "organisation", "name"],
                condition=Q(left_on__isnull=True),
                name="group_member_active_once",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="group_member_left_after_joined",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def clean(self):
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A member cannot leave before joining.")})

    @property
    def is_current(self) -> bool:
        return self.left_on is None


def draw_message(seed: str, ordered_ids) -> str:
    return f"{seed}|{','.join(str(pk) for pk in ordered_ids)}"


def choose_index(seed: str, candidate_ids) -> tuple[list[int], int]:
    """The draw's rule, which anyone can repeat: sort the candidates' ids, hash
    "<seed>|<id>,<id>,…" with SHA-256, read the hex digest as a number and take it modulo the
    number of candidates; the result is the candidate at that place (counting from 0)."""
    ordered = sorted(int(pk) for pk in candidate_ids)
    if not ordered:
        raise ValueError("no candidates")
    digest = hashlib.sha256(draw_message(seed, ordered).encode()).hexdigest()
    return ordered, int(digest, 16) % len(ordered)


class ChairDrawQuerySet(models.QuerySet):
    def in_force(self):
        """Draws not replaced by a redraw."""
        return self.filter(superseded_by__isnull=True)

    def covering(self, day):
        return self.in_force().filter(term_start__lte=day, term_end__gte=day)


class ChairDraw(models.Model):
    """A chair drawn by lot, recorded so anyone can check it afterwards. Never changed: a
    redraw is a new row with a reason that supersedes this one."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="draws", verbose_name=_("group")
    )
    drawn_at = models.DateTimeField(_("drawn at"), default=timezone.now)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    candidates = models.JSONField(
        _("candidates"), help_text=_("The organisations eligible, as id and name.")
    )
    seed = models.CharField(_("random source"), max_length=64)
    result = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="chair_draws",
        verbose_name=_("chair"),
    )
    reason = models.TextField(_("reason for redrawing"), blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drawn by"),
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("replaces draw"),
    )

    history = HistoricalRecords()
    objects = ChairDrawQuerySet.as_manager()

    class Meta:
        ordering = ["drawn_at", "pk"]
        verbose_name = _("chair draw")
        verbose_name_plural = _("chair draws")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=models.F("term_start")), name="draw_term_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(reason=""),
                name="draw_redraw_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.group}: {self.result} ({self.term_start}–{self.term_end})"

    @property
    def candidate_names(self) -> list[str]:
        return [candidate["name"] for candidate in self.candidates]

    @property
    def sorted_candidate_ids(self) -> list[int]:
        return sorted(int(candidate["id"]) for candidate in self.candidates)

    @property
    def check_message(self) -> str:
        """The text that is hashed, for anyone who wants to repeat the draw."""
        return draw_message(self.seed, self.sorted_candidate_ids)

    @property
    def check_digest(self) -> str:
        return hashlib.sha256(self.check_message.encode()).hexdigest()

    @property
    def check_index(self) -> int:
        return choose_index(self.seed, self.sorted_candidate_ids)[1]

    def expected_result_id(self) -> int:
        ordered, index = choose_index(self.seed, self.sorted_candidate_ids)
        return ordered[index]

    def verify(self) -> bool:
        """True when the recorded result is what the recorded seed and candidates give."""
        try:
            return self.expected_result_id() == self.result_id
        except (ValueError, KeyError, TypeError):
            return False

    @property
    def is_redraw(self) -> bool:
        return self.supersedes_id is not None


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(group__in=Group.objects.visible_to(user))


class Meeting(models.Model):
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("group")
    )
    date = models.DateField(_("date"))
    attendees = models.ManyToManyField(
        GroupMember, blank=True, related_name="meetings", verbose_name=_("attendees")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(
        _("minutes file"), upload_to=_minutes_path, blank=True, max_length=200
    )
    minutes_file_name = models.CharField(_("original file name"), max_length=255, blank=True)
    minutes_content_type = models.CharField(_("file type"), max_length=100, blank=True)
    chair = models.ForeignKey(
        ChairDraw,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("chair (draw in force)"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["group", "date"], name="meeting_group_date_idx")]

    def __str__(self):
        return f"{self.group.get_kind_display()} {self.date}"

    def get_absolute_url(self):
        return reverse("governance:meeting", args=[self.pk])


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DecisionKind.choices)
    text = models.TextField(_("decision"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governance_decisions",
        verbose_name=_("organisation"),
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governance_decisions",
        verbose_name=_("party"),
    )
    proposed_by_group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("proposed by group"),
    )
    proposed_by_person = models.CharField(_("proposed by person"), max_length=200, blank=True)
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.get_kind_display()

    @property
    def proposed_by(self) -> str:
        if self.proposed_by_group_id:
            return self.proposed_by_group.get_kind_display()
        return self.proposed_by_person


class GroupReport(models.Model):
    """The cooperation group's written report to the steering group (seed 002 §2.2)."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="reports", verbose_name=_("group")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("due"))
    submitted_on = models.DateField(_("submitted on"))
    text = models.TextField(_("report"))
    figures = models.JSONField(
        _("aggregated figures"),
        default=dict,
        blank=True,
        help_text=_("Only aggregated figures, never data about individuals."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "period_start", "kind"]
        verbose_name = _("group report")
        verbose_name_plural = _("group reports")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "kind", "period_start"], name="group_report_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="group_report_period_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_start}–{self.period_end}"


class Compilation(models.Model):
    """The administration's compilation of a contract year's reports, before the next year."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="compilations",
        verbose_name=_("partnership"),
    )
    year_start = models.DateField(_("contract year from"))
    year_end = models.DateField(_("contract year to"))
    due_on = models.DateField(_("due"))
    compiled_on = models.DateField(_("compiled on"))
    text = models.TextField(_("compilation"))
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("compiled by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "year_start"]
        verbose_name = _("yearly compilation")
        verbose_name_plural = _("yearly compilations")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year_start"], name="compilation_once_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.partnership}: {self.year_start}–{self.year_end}"

"""Activity reports: aggregated figures only (dimension + category + count), never a person."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from common.transitions import Lifecycle, transition
from common.versions import Rows, Versioned
from finance.models import BudgetPeriod
from partnerships.models import Partnership
from portal.constants import (
    REPORT_TRANSITIONS,
    AgeBand,
    Dimension,
    Gender,
    ReportKind,
    ReportStatus,
)
from portal.models import ActivityReport, ReachFigure, ReportEvent
from portal.permissions import can_edit_report, reporting_organisations

REPORT_FIELDS = (
    "feedback_count",
    "feedback_summary",
    "complaints_count",
    "complaints_summary",
    "narrative",
    "group_report",
)
# What the report form covers (common.versions): its texts and counts, and each figure.
REPORT_VERSION = Versioned(
    ActivityReport,
    REPORT_FIELDS,
    rows=(Rows("figures", ("dimension", "category", "count"), order_by=("dimension", "pk")),),
)
CATEGORIES = {Dimension.AGE_BAND: set(AgeBand.values), Dimension.GENDER: set(Gender.values)}

Figure = tuple[str, str, int]


def clean_figures(figures: Iterable[Figure]) -> list[Figure]:
    """Check the counts: a known dimension and category, a whole number not below zero, each
    category once. Zero counts are dropped."""
    seen: set[tuple[str, str]] = set()
    cleaned: list[Figure] = []
    for dimension, category, count in figures:
        category = (category or "").strip()
        if dimension not in Dimension.values:
            raise ValidationError({"figures": _("Unknown dimension.")})
        if dimension in CATEGORIES and category not in CATEGORIES[dimension]:
            raise ValidationError({"figures": _("Unknown category.")})
        if dimension == Dimension.COUNTRY and not category:
            raise ValidationError({"figures": _("Name the country for each count.")})
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValidationError({"figures": _("A count is a whole number, zero or more.")})
        key = (dimension, category.casefold())
        if key in seen:
            raise ValidationError(
                {"figures": _("“%(category)s” is counted twice.") % {"category": category}}
            )
        seen.add(key)
        if count:
            cleaned.append((dimension, category, count))
    return cleaned


def _check_counts(fields: dict) -> None:
    for name in ("feedback_count", "complaints_count"):
        value = fields.get(name)
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ValidationError({name: _("A count is a whole number, zero or more.")})


def _check_group_report(group_report, partnership) -> None:
    if group_report is not None and group_report.group.partnership_id != partnership.pk:
        raise ValidationError(
            {"group_report": _("The group report belongs to another partnership.")}
        )


def _set_figures(report: ActivityReport, figures: Iterable[Figure]) -> None:
    """The report's figures become `figures`: a count that changed is changed in place (its
    history says old -> new), a category no longer given is deleted, a new one created."""
    existing = {(f.dimension, f.category): f for f in report.figures.all()}
    new = []
    for dimension, category, count in figures:
        figure = existing.pop((dimension, category), None)
        if figure is None:
            new.append(
                ReachFigure(report=report, dimension=dimension, category=category, count=count)
            )
        elif figure.count != count:
            figure.count = count
            figure.save(update_fields=["count"])
    for figure in existing.values():
        figure.delete()
    bulk_create_with_history(new, ReachFigure)


def _record_event(locked, from_status, to_status, user, note) -> ReportEvent:
    return ReportEvent.objects.create(
        report=locked, from_status=from_status, to_status=to_status, user=user, note=note
    )


LIFECYCLE = Lifecycle(
    model=ActivityReport,
    transitions=REPORT_TRANSITIONS,
    statuses=ReportStatus,
    refusal=gettext_lazy("A report that is “%(from)s” cannot become “%(to)s”."),
    concurrent_change=gettext_lazy(
        "Someone else changed the report at the same moment. Reload the page."
    ),
    record_event=_record_event,
)


@transaction.atomic
def report_create(
    *,
    partnership: Partnership,
    period: BudgetPeriod,
    kind: str,
    organisation,
    user,
    figures: Iterable[Figure] = (),
    **fields,
) -> ActivityReport:
    if period.partnership_id != partnership.pk:
        raise ValidationError({"period": _("The contract year belongs to another partnership.")})
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Choose the kind of report.")})
    if organisation not in reporting_organisations(user, partnership):
        raise ValidationError(
            {"organisation": _("You cannot report for this organisation in this partnership.")}
        )
    if ActivityReport.objects.filter(
        partnership=partnership, period=period, kind=kind, organisation=organisation
    ).exists():
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "%(organisation)s has already started this report for %(period)s."
                )
                % {"organisation": organisation.name, "period": period.label}
            }
        )
    _check_counts(fields)
    figures = clean_figures(figures)
    report = ActivityReport(
        partnership=partnership,
        period=period,
        kind=kind,
        organisation=organisation,
        created_by=user,
        **{name: value for name, value in fields.items() if name in REPORT_FIELDS},
    )
    _check_group_report(fields.get("group_report"), partnership)
    report.full_clean(exclude=["group_report"])
    report.save()
    _set_figures(report, figures)
    return report


@transaction.atomic
def report_update(
    *,
    report: ActivityReport,
    user,
    figures: Iterable[Figure] = (),
    version: str | None = None,
    **fields,
) -> ActivityReport:
    """Save the report's texts and figures. `version` (REPORT_VERSION), when given, is what
    the form showed: a save over a newer one is refused (common.versions)."""
    locked = ActivityReport.objects.select_for_update().get(pk=report.pk)
    if not can_edit_report(user, locked):
        raise ValidationError({NON_FIELD_ERRORS: _("A submitted report can no longer be changed.")})
    REPORT_VERSION.check(version, locked)
    _check_counts(fields)
    _check_group_report(fields.get("group_report"), locked.partnership)
    figures = clean_figures(figures)
    for name, value in fields.items():
        if name in REPORT_FIELDS:
            setattr(locked, name, value)
    locked.save()
    _set_figures(locked, figures)
    report.refresh_from_db()
    return report


@transaction.atomic
def report_submit(
    *, report: ActivityReport, user, today: datetime.date | None = None
) -> ActivityReport:
    today = today or timezone.localdate()
    locked = ActivityReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    if ReportStatus.SUBMITTED not in REPORT_TRANSITIONS[locked.status]:
        raise ValidationError({NON_FIELD_ERRORS: _("The report has already been submitted.")})
    if not can_edit_report(user, locked):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("You cannot submit a report for this organisation.")}
        )
    if locked.period.start > today:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "The contract year %(period)s has not started yet: a report can only be "
                    "submitted for a year that has begun."
                )
                % {"period": locked.period.label}
            }
        )
    transition(
        lifecycle=LIFECYCLE,
        obj=locked,
        to_status=ReportStatus.SUBMITTED,
        user=user,
        updates={"submitted_at": timezone.now(), "submitted_by": user},
    )
    report.refresh_from_db()
    return report

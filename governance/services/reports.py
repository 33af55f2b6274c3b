import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.constants import GroupKind, ReportKind
from governance.dates import ContractYear, contract_years
from governance.models import Compilation, Group, GroupReport
from partnerships.models import Partnership


def report_period(
    *, year: ContractYear, kind: str
) -> tuple[datetime.date, datetime.date, datetime.date]:
    """(period from, period to, due): the half-year report covers the first half and is due
    half-way through the year; the other covers the year and is due before the next begins."""
    if kind == ReportKind.HALF_YEAR:
        return year.start, year.first_half_end, year.half_way
    return year.start, year.end, year.end


def _year(partnership: Partnership, number: int) -> ContractYear:
    for year in contract_years(partnership.start_date, partnership.end_date):
        if year.number == number:
            return year
    raise ValidationError({"year": _("Choose a contract year of the partnership.")})


@transaction.atomic
def report_submit(
    *,
    group: Group,
    kind: str,
    year_number: int,
    text: str,
    user,
    figures: dict | None = None,
    submitted_on: datetime.date | None = None,
) -> GroupReport:
    if group.kind != GroupKind.COOPERATION:
        raise ValidationError(_("Written reports come from the cooperation group."))
    Group.objects.select_for_update().get(pk=group.pk)
    year = _year(group.partnership, year_number)
    start, end, due = report_period(year=year, kind=kind)
    if GroupReport.objects.filter(group=group, kind=kind, period_start=start).exists():
        raise ValidationError(
            {"year": _("This report has already been submitted for that contract year.")}
        )
    report = GroupReport(
        group=group,
        kind=kind,
        period_start=start,
        period_end=end,
        due_on=due,
        submitted_on=submitted_on or timezone.localdate(),
        text=text,
        figures=figures or {},
        submitted_by=user,
    )
    report.full_clean(validate_unique=False, validate_constraints=False)
    report.save()
    return report


@transaction.atomic
def compilation_record(
    *,
    partnership: Partnership,
    year_number: int,
    text: str,
    user,
    compiled_on: datetime.date | None = None,
) -> Compilation:
    Partnership.objects.select_for_update().get(pk=partnership.pk)
    year = _year(partnership, year_number)
    if Compilation.objects.filter(partnership=partnership, year_start=year.start).exists():
        raise ValidationError({"year": _("The compilation for that contract year already exists.")})
    compilation = Compilation(
        partnership=partnership,
        year_start=year.start,
        year_end=year.end,
        due_on=year.end,
        compiled_on=compiled_on or timezone.localdate(),
        text=text,
        compiled_by=user,
    )
    compilation.full_clean(validate_unique=False, validate_constraints=False)
    compilation.save()
    return compilation

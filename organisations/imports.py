"""Importing the register from a spreadsheet, at the scale of the whole country.

The file has the columns of the register's own export (`OrganisationResource`): a row per
organisation, found by its organisation number. The import runs as a background job, twice:
first a dry run that only reports (counts, and the rows in error with their messages), then,
when the person confirms, the same file for real. All or nothing: one row in error and no row
is saved (the job's transaction).

Unlike django-import-export's row-by-row import, the existing organisations are read in one
query per thousand numbers and written with bulk inserts and updates (each with its history
row), so ten thousand rows are seconds, not minutes. Each row is still checked by the
register's own validation (`organisation_full_clean`), and an existing organisation keeps its
sector, as on its page.
"""

import datetime
import io
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .models import Organisation
from .services import ORGANISATION_FIELDS, organisation_full_clean
from .validators import normalise_org_number

FORMATS = {"csv": "csv", "xlsx": "xlsx"}
CHUNK = 1000
# Rows in error kept for the preview page: enough to correct a file, not a page of megabytes.
MAX_ERRORS_SHOWN = 100
TRUE_WORDS = {"1", "true", "ja", "sant", "yes", "x"}
FALSE_WORDS = {"", "0", "false", "nej", "falskt", "no"}


@dataclass
class ImportReport:
    rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    error_rows: int = 0

    def as_result(self, *, dry_run: bool) -> dict:
        return {
            "dry_run": dry_run,
            "rows": self.rows,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "error_rows": self.error_rows,
            "errors": self.errors,
        }


def read_rows(content: bytes, file_format: str) -> list[dict]:
    if file_format == "csv":
        text = content.decode("utf-8-sig")
        dataset = tablib.Dataset().load(io.StringIO(text), format="csv")
    elif file_format == "xlsx":
        dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
    else:
        raise ValidationError(_("Choose a CSV or Excel (.xlsx) file."))
    headers = [str(header or "").strip() for header in dataset.headers or []]
    if "org_number" not in headers or "name" not in headers:
        raise ValidationError(
            _("The file needs the columns of the register's export, at least name and org_number.")
        )
    return [dict(zip(headers, row, strict=False)) for row in dataset]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _boolean(value: str) -> bool | None:
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def _row_values(row: dict) -> tuple[dict, dict]:
    """The row's values for the model, and errors of the kind the model cannot see."""
    values, errors = {}, {}
    for name in ORGANISATION_FIELDS:
        if name not in row:
            continue
        text = _cell(row[name])
        if name == "registered_idea_based":
            flag = _boolean(text)
            if flag is None:
                errors[name] = [_("Write yes or no.")]
            values[name] = bool(flag)
        elif name == "registered_idea_based_since":
            values[name] = text or None
        else:
            values[name] = text
    return values, errors


def _existing(numbers: list[str]) -> dict[str, Organisation]:
    found = {}
    for start in range(0, len(numbers), CHUNK):
        chunk = numbers[start : start + CHUNK]
        found.update(
            (organisation.org_number, organisation)
            for organisation in Organisation.objects.filter(org_number__in=chunk)
        )
    return found


def _messages(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def import_organisations(
    rows: list[dict], *, dry_run: bool, progress=None, user=None
) -> ImportReport:
    """Check every row and, unless `dry_run` or a row is in error, save them all.

    Runs inside the caller's transaction (the job's): the bulk writes are all or nothing."""
    report = ImportReport(rows=len(rows))
    numbers = []
    for row in rows:
        try:
            numbers.append(normalise_org_number(_cell(row.get("org_number"))))
        except ValidationError:
            numbers.append(None)
    existing = _existing([number for number in numbers if number])
    seen: dict[str, int] = {}
    to_create, to_update, changed_fields = [], [], set()
    for index, (row, number) in enumerate(zip(rows, numbers, strict=True)):
        line = index + 2  # the header is line 1
        values, errors = _row_values(row)
        if not _cell(row.get("org_number")):
            errors["org_number"] = [_("Every row needs an organisation number.")]
        elif number and number in seen:
            errors["org_number"] = [
                _("The number is also on line %(line)s.") % {"line": seen[number]}
            ]
        if number:
            seen.setdefault(number, line)
        organisation = existing.get(number) if number else None
        if organisation is not None:
            # The identity is shared: a row changes it, but never the sector (as on its page).
            values.pop("sector", None)
            before = {name: getattr(organisation, name) for name in values}
        else:
            organisation = Organisation()
            before = None
        for name, value in values.items():
            setattr(organisation, name, value)
        try:
            organisation_full_clean(
                organisation,
                exclude=list(errors),
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            for name, messages in _messages(exc).items():
                errors.setdefault(name, []).extend(messages)
        if errors:
            report.error_rows += 1
            if len(report.errors) < MAX_ERRORS_SHOWN:
                report.errors.append(
                    {"line": line, "name": _cell(row.get("name")), "messages": errors}
                )
        elif before is None:
            report.new += 1
            to_create.append(organisation)
        else:
            after = {name: getattr(organisation, name) for name in values}
            difference = {name for name in values if after[name] != before[name]}
            if difference:
                report.changed += 1
                changed_fields |= difference
                to_update.append(organisation)
            else:
                report.unchanged += 1
        if progress and (index + 1) % CHUNK == 0:
            progress(index + 1, len(rows))
    if dry_run or report.error_rows:
        return report
    if to_create:
        bulk_create_with_history(to_create, Organisation, batch_size=CHUNK, default_user=user)
    if to_update:
        now = timezone.now()
        for organisation in to_update:
            organisation.updated_at = now  # bulk_update does not run auto_now
        bulk_update_with_history(
            to_update,
            Organisation,
            [*sorted(changed_fields), "updated_at"],
            batch_size=CHUNK,
            default_user=user,
        )
    return report

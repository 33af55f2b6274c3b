"""Field history of an organisation's identity and of a body's relation, as pages show it."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import Organisation
from .validators import format_bankgiro, format_org_number, format_plusgiro

HISTORY_LIMIT = 20
# Bookkeeping columns that change on every save and say nothing to a reader.
HISTORY_IGNORED_FIELDS = ["updated_at", "created_at"]


def _field_label(name: str, model=Organisation) -> str:
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


NUMBER_FORMATS = {
    "org_number": format_org_number,
    "bankgiro": format_bankgiro,
    "plusgiro": format_plusgiro,
}


def _shown(name: str, value, model=Organisation) -> str:
    """A stored value as the pages show it: labels for codes, formatted numbers."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name in NUMBER_FORMATS:
        return NUMBER_FORMATS[name](value)
    try:
        choices = dict(model._meta.get_field(name).flatchoices)
    except FieldDoesNotExist:
        choices = {}
    return str(choices.get(value, value))


@dataclass
class HistoryEntry:
    record: object
    kind: str
    changes: list


def organisation_history(instance, *, limit: int = HISTORY_LIMIT):
    """The latest `limit` versions of an organisation (or of one body's relation with it),
    newest first, each with the fields that changed."""
    model = type(instance)
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )
    return [
        HistoryEntry(
            record=record, kind=record.history_type, changes=record_changes(record, previous, model)
        )
        for record, previous in zip(records[:limit], records[1:] + [None], strict=False)
    ]


def record_changes(record, previous, model=Organisation) -> list[dict]:
    """The fields `record` changed against `previous`, as labels and shown values."""
    if previous is None or record.history_type != "~":
        return []
    delta = record.diff_against(previous, excluded_fields=HISTORY_IGNORED_FIELDS)
    return [
        {
            "field": _field_label(change.field, model),
            "old": _shown(change.field, change.old, model),
            "new": _shown(change.field, change.new, model),
        }
        for change in delta.changes
    ]

"""No lost updates: every edit form carries the version of what it showed, and the service
refuses a save over a newer one.

The version is a *signed snapshot* of the values the form edits: the record's fields and, for
a form with lines (a formset), its rows in order. The page puts it in a hidden field; the
service, inside its transaction and after locking the row (`select_for_update`), compares the
snapshot with the row as it is now (`check_version`). If anything the form edits changed
since the form was loaded, it raises `StaleVersion`: a refusal for the top of the form that
lists what changed meanwhile (field: the value the user saw → the value now), and carries the
current version, so the page can keep what the user typed and let them save again knowingly.

Why a snapshot and not a version number: it needs no column (nor migration) on any of the
dozen tables that have an edit form, it compares only what the form edits (a payment approved
meanwhile does not refuse a change of the contact e-mail), and the refusal can say what
changed from the token alone, without relying on every earlier write having left a history
row. The token is signed (django.core.signing), so it cannot be altered into a false "nothing
changed"; it holds only values the form shows its user anyway.

A caller that passes no version (an import, the demo loader) is not checked.
"""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from common.formatting import format_kronor

VERSION_FIELD = "version"
_SALT = "common.versions"
_MAX_TEXT = 80


@dataclass(frozen=True)
class Rows:
    """Rows edited together with a record (a formset): `related` is the accessor on the record
    (`budget.lines`), compared in `order_by` order, by `fields`."""

    related: str
    fields: tuple[str, ...]
    order_by: tuple[str, ...] = ("pk",)
    # A field that names each row in the refusal (a criterion), instead of its number.
    label_field: str = ""


@dataclass(frozen=True)
class Change:
    text: str

    def __str__(self) -> str:
        return self.text


class StaleVersion(ValidationError):
    """A save over a newer version: nothing was written."""

    def __init__(self, *, changes: list[Change], current_version: str):
        self.changes = changes
        self.current_version = current_version
        messages = [
            _(
                "Someone else saved this after you opened the form, so nothing was saved. "
                "What you entered is still in the form. What changed meanwhile (what you saw "
                "→ what it is now):"
            ),
            *(str(change) for change in changes),
            _("Check your entries against these and save again to keep yours."),
        ]
        super().__init__({NON_FIELD_ERRORS: messages})


def _raw(obj: models.Model, name: str) -> Any:
    model_field = obj._meta.get_field(name)
    if isinstance(model_field, models.FileField):
        return getattr(obj, name).name or ""
    if model_field.is_relation and model_field.concrete:
        return getattr(obj, model_field.attname)
    return getattr(obj, name)


def _canonical(value: Any) -> Any:
    # 0, 0.00 and 0E-2 are one amount: an object just saved and the row read back compare alike.
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    return value


def _values(obj: models.Model | None, names: Iterable[str]) -> dict[str, Any]:
    values = {name: (_canonical(_raw(obj, name)) if obj is not None else None) for name in names}
    # The same JSON the token holds, so both sides compare alike (Decimal, dates as text).
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def _rows(obj: models.Model | None, rows: Rows) -> list[dict[str, Any]]:
    if obj is None or obj.pk is None:
        return []
    children = getattr(obj, rows.related).all().order_by(*rows.order_by)
    return [_values(child, rows.fields) for child in children]


def snapshot(
    obj: models.Model | None,
    *,
    model: type[models.Model],
    fields: Iterable[str],
    rows: Iterable[Rows] = (),
) -> dict[str, Any]:
    """What a form edits of `obj` (None or unsaved: a record not made yet, whose defaults the
    form shows), as JSON data."""
    present = obj if obj is not None and obj.pk is not None else None
    return {
        "model": model._meta.label_lower,
        "pk": present.pk if present is not None else None,
        "fields": _values(obj, fields),
        "rows": {
            spec.related: {
                "fields": list(spec.fields),
                "order_by": list(spec.order_by),
                "label_field": spec.label_field,
                "items": _rows(present, spec),
            }
            for spec in rows
        },
    }


def version_of(
    obj: models.Model | None,
    *,
    model: type[models.Model] | None = None,
    fields: Iterable[str],
    rows: Iterable[Rows] = (),
) -> str:
    """The version a form carries of `obj` (or of a record not made yet: pass `model`)."""
    model = model or type(obj)
    data = snapshot(obj, model=model, fields=tuple(fields), rows=tuple(rows))
    return signing.dumps(data, salt=_SALT, compress=True)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def _display(model: type[models.Model], name: str, raw: Any) -> str:
    if raw is None or raw == "":
        return "–"
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return str(raw)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(raw, raw))
    if isinstance(model_field, models.BooleanField):
        return _("yes") if raw else _("no")
    if model_field.is_relation:
        related = model_field.related_model._default_manager.filter(pk=raw).first()
        if related is None:
            return str(raw)
        # A person (a case officer) by name, as the form's choices show them.
        full_name = getattr(related, "get_full_name", None)
        return (full_name() if full_name else "") or str(related)
    if isinstance(model_field, models.DecimalField):
        return format_kronor(raw, with_unit=False)
    text = " ".join(str(raw).split())
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def _row_summary(model, values: Mapping[str, Any]) -> str:
    return ", ".join(_display(model, name, value) for name, value in values.items())


def _row_changes(model, then: list, now: list, *, label_field: str = "") -> list[Change]:
    changes = []
    rows = capfirst(str(model._meta.verbose_name_plural))
    for index in range(max(len(then), len(now))):
        values = (then if index < len(then) else now)[index]
        if label_field:
            where = _display(model, label_field, values[label_field])
        else:
            where = _("%(rows)s, row %(row)s") % {"rows": rows, "row": index + 1}
        if index >= len(now):
            summary = _row_summary(model, then[index])
            changes.append(
                Change(_("%(where)s: removed (%(values)s)") % {"where": where, "values": summary})
            )
        elif index >= len(then):
            summary = _row_summary(model, now[index])
            changes.append(
                Change(_("%(where)s: added (%(values)s)") % {"where": where, "values": summary})
            )
        else:
            for name, value in then[index].items():
                current = now[index].get(name)
                if value != current:
                    changes.append(
                        Change(
                            _("%(where)s, %(field)s: %(then)s → %(now)s")
                            % {
                                "where": where,
                                "field": _label(model, name).lower(),
                                "then": _display(model, name, value),
                                "now": _display(model, name, current),
                            }
                        )
                    )
    return changes


def _rows_spec(related: str, spec: Mapping[str, Any]) -> Rows:
    return Rows(
        related, tuple(spec["fields"]), tuple(spec["order_by"]), spec.get("label_field", "")
    )


def read_version(version: str, *, model: type[models.Model]) -> dict[str, Any]:
    try:
        data = signing.loads(version, salt=_SALT)
    except signing.BadSignature:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("The form could not be checked against the register: reload it.")}
        ) from None
    if data.get("model") != model._meta.label_lower:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("The form could not be checked against the register: reload it.")}
        )
    return data


def changes_since(
    version: str, current: models.Model | None, *, model: type[models.Model]
) -> list[Change]:
    """What changed in `current` (None: the record does not exist) since `version`."""
    data = read_version(version, model=model)
    present = current if current is not None and current.pk is not None else None
    changes: list[Change] = []
    if data["pk"] is None and present is None:
        return changes  # still not made: nothing changed meanwhile
    if data["pk"] is not None and (present is None or present.pk != data["pk"]):
        raise ValidationError(
            {NON_FIELD_ERRORS: _("The form could not be checked against the register: reload it.")}
        )
    now = _values(present, data["fields"])
    for name, value in data["fields"].items():
        if value != now[name]:
            changes.append(
                Change(
                    _("%(field)s: %(then)s → %(now)s")
                    % {
                        "field": _label(model, name),
                        "then": _display(model, name, value),
                        "now": _display(model, name, now[name]),
                    }
                )
            )
    for related, spec in data["rows"].items():
        rows = _rows_spec(related, spec)
        child_model = model._meta.get_field(related).related_model
        changes += _row_changes(
            child_model, spec["items"], _rows(present, rows), label_field=rows.label_field
        )
    return changes


def check_version(
    version: str | None,
    current: models.Model | None,
    *,
    model: type[models.Model] | None = None,
) -> None:
    """Refuse (StaleVersion) a save based on `version` if what it covers has changed in
    `current`, the row as it is now: call it after locking the row, before writing. No version
    given: nothing to check."""
    if not version:
        return
    model = model or type(current)
    data = read_version(version, model=model)
    changes = changes_since(version, current, model=model)
    if changes:
        rows = [_rows_spec(related, spec) for related, spec in data["rows"].items()]
        raise StaleVersion(
            changes=changes,
            current_version=version_of(current, model=model, fields=data["fields"], rows=rows),
        )


@dataclass(frozen=True)
class Versioned:
    """What one edit form covers of its record: used by the view to give the form its version
    and by the service to check it (one definition, so they cannot drift apart)."""

    model: type[models.Model]
    fields: tuple[str, ...]
    rows: tuple[Rows, ...] = field(default_factory=tuple)

    def version(self, obj: models.Model | None) -> str:
        return version_of(obj, model=self.model, fields=self.fields, rows=self.rows)

    def check(self, version: str | None, current: models.Model | None) -> None:
        check_version(version, current, model=self.model)

"""Reading django-simple-history back: what belongs to a record, and what each version changed.

Every domain model keeps a history table (`tests/common/test_history.py` holds that). This
module finds, for a root model such as the partnership, every model that belongs to it through
a chain of foreign keys (found from the models themselves, so a new model is included without
being listed), the history rows of those records (deleted ones too: the chain runs through the
history tables), and turns two versions into field changes with the labels and values a
reader knows: verbose names, choices' labels, money as "678 833 kr", people by name.

It imports no app of ours: models are found through Django's app registry.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from common.formatting import format_kronor

# Bookkeeping columns that change on every save and say nothing to a reader, and contents
# no reader can read in a list (a file's stored name, a document's JSON snapshot).
IGNORED_FIELDS = {"id", "created_at", "updated_at"}
# Fields that name a record, in the order tried, for the "which record" column.
NAME_FIELDS = (
    "title",
    "name",
    "number",
    "category",
    "original_name",
    "description",
    "payer",
    "signer_name",
    "label",
)
# Fields that, after the name, tell two records of the same kind apart.
DISTINGUISHING_FIELDS = ("covers_from", "date", "term_start", "period_start", "year_start")
TEXT_LIMIT = 300


def has_history(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def history_model(model: type[models.Model]) -> type[models.Model]:
    return getattr(model, model._meta.simple_history_manager_attribute).model


@cache
def _project_models() -> tuple[type[models.Model], ...]:
    root = Path(settings.BASE_DIR).resolve()
    return tuple(
        model
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == root
        for model in config.get_models()
        if has_history(model)
    )


def _foreign_keys(model):
    return [
        f for f in model._meta.concrete_fields if f.many_to_one or (f.one_to_one and f.is_relation)
    ]


@cache
def belonging_paths(root: type[models.Model]) -> dict[type[models.Model], tuple[str, ...]]:
    """{model: the foreign keys leading from it to `root`} for every model with history that
    belongs to a `root` row. The shortest chain wins, and a required foreign key beats an
    optional one (an optional link may be empty)."""
    paths: dict[type[models.Model], tuple[str, ...]] = {root: ()}
    while True:
        found = {}
        for model in _project_models():
            if model in paths:
                continue
            candidates = [
                ((fk.null, len(paths[fk.related_model])), (fk.name, *paths[fk.related_model]))
                for fk in _foreign_keys(model)
                if fk.related_model in paths and has_history(fk.related_model)
            ]
            if candidates:
                found[model] = min(candidates)[1]
        if not found:
            return paths
        paths.update(found)


def ids_belonging(model: type[models.Model], root: type[models.Model], root_pk):
    """The primary keys (as a subquery) of every `model` record that ever belonged to the
    `root` row, deleted ones included."""
    path = belonging_paths(root)[model]
    rows = history_model(model).objects
    if not path:
        return rows.filter(id=root_pk).values("id")
    fk = model._meta.get_field(path[0])
    if fk.related_model is root:
        return rows.filter(**{fk.attname: root_pk}).values("id")
    return rows.filter(
        **{f"{fk.attname}__in": ids_belonging(fk.related_model, root, root_pk)}
    ).values("id")


def kind_key(model: type[models.Model]) -> str:
    return model._meta.label_lower


def kind_label(model: type[models.Model]) -> str:
    return capfirst(model._meta.verbose_name)


def field_label(model_field) -> str:
    """A field's name as the forms call it; a link without a name of its own is called by
    what it links to."""
    if model_field.is_relation and model_field._verbose_name is None:
        return capfirst(model_field.related_model._meta.verbose_name)
    return capfirst(model_field.verbose_name)


# --- Which record ---------------------------------------------------------------------------


def label_paths(model: type[models.Model]) -> list[str]:
    """Lookups, on a record or its history row, that name it: its name, the organisation it
    concerns, its period, a date that tells it from its siblings."""
    names = {f.name: f for f in model._meta.concrete_fields}
    paths = []
    for name in NAME_FIELDS:
        if name in names and not names[name].is_relation:
            paths.append(name)
            break
    if "organisation" in names and names["organisation"].is_relation:
        paths.append("organisation__name")
    elif "party" in names and names["party"].is_relation:
        paths.append("party__organisation__name")
    elif "account" in names and names["account"].is_relation:
        paths += ["account__party__organisation__name", "account__period__label"]
    if "period" in names and names["period"].is_relation:
        paths.append("period__label")
    for name in DISTINGUISHING_FIELDS:
        if name in names:
            paths.append(name)
            break
    return paths


def label_select_related(model: type[models.Model]) -> list[str]:
    return ["__".join(path.split("__")[:-1]) for path in label_paths(model) if "__" in path]


def record_label(record, model: type[models.Model]) -> str:
    """The record's name from its own values (its history row's, for a history row): no
    query beyond the `label_select_related` joins."""
    parts = []
    for path in label_paths(model):
        owner, value, step = None, record, path
        for step in path.split("__"):
            if value is None:
                break
            owner, value = value, getattr(value, step, None)
        if value not in (None, ""):
            parts.append(shown(_field(type(owner), step), value))
    return " ".join(parts) or f"#{getattr(record, 'id', record.pk)}"


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a property, not a field
        return None


# --- Values as a reader knows them ---------------------------------------------------------


def person(user) -> str:
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()


def is_money(model_field) -> bool:
    return isinstance(model_field, models.DecimalField) and model_field.decimal_places == 2


def shown(model_field, value, related: dict | None = None) -> str:
    """A stored value as the pages show it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if model_field is not None:
        if model_field.is_relation:
            return (related or {}).get((model_field.related_model, value), f"#{value}")
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if is_money(model_field):
            return format_kronor(value)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _readable_fields(model: type[models.Model]) -> list[models.Field]:
    hist = history_model(model)
    tracked = {f.name for f in hist.tracked_fields}
    return [
        f
        for f in model._meta.concrete_fields
        if f.name in tracked
        and f.name not in IGNORED_FIELDS
        and not isinstance(f, models.JSONField | models.FileField)
    ]


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Version:
    """One history row as the page shows it."""

    kind: str
    kind_label: str
    record: str
    when: datetime.datetime
    who: str
    change: str  # "+", "~" or "-"
    changes: list[FieldChange] = field(default_factory=list)
    without_earlier: bool = False  # a change whose earlier version is not recorded


def raw_changes(model, record, previous) -> list[tuple[models.Field, object, object]]:
    """(field, old, new) for each readable field `record` changed against `previous` (all
    its filled-in fields when it is a creation)."""
    changed = []
    for model_field in _readable_fields(model):
        new = getattr(record, model_field.attname)
        if record.history_type == "+":
            if new not in (None, "", False):
                changed.append((model_field, None, new))
        elif previous is not None:
            old = getattr(previous, model_field.attname)
            if old != new:
                changed.append((model_field, old, new))
    return changed


def related_labels(pairs) -> dict:
    """{(model, pk): label} for the foreign keys among `pairs` of (field, value): one query
    per related model."""
    wanted: dict[type[models.Model], set] = {}
    for model_field, value in pairs:
        if model_field.is_relation and value is not None:
            wanted.setdefault(model_field.related_model, set()).add(value)
    labels = {}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for related_model, pks in wanted.items():
        rows = related_model._default_manager.filter(pk__in=pks)
        if related_model is user_model:
            labels.update({(related_model, u.pk): person(u) for u in rows})
            continue
        rows = rows.select_related(*label_select_related(related_model))
        labels.update({(related_model, r.pk): record_label(r, related_model) for r in rows})
    return labels

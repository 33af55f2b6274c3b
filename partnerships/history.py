"""The history of everything that belongs to a partnership, for its "Historik" page.

Which models belong to it is found from the foreign keys (`common.history`), so the parties,
appendices, budgets and lines, payments, accounts, reports, groups, meetings and documents
of the apps above are included without this app importing them. The page is one UNION over
their history tables, ordered and paged in the database; only the page's rows are read in
full (two queries per kind of record on the page, one per kind of linked record).
"""

import datetime
from collections import Counter, defaultdict

from django.contrib.auth import get_user_model
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.utils import timezone

from common.history import (
    FieldChange,
    Version,
    belonging_paths,
    field_label,
    history_model,
    ids_belonging,
    kind_key,
    kind_label,
    label_select_related,
    person,
    raw_changes,
    record_label,
    related_labels,
    shown,
)

from .models import Partnership


def history_kinds() -> list[tuple[str, str]]:
    """(key, label) of every kind of record that belongs to a partnership, by label; two
    kinds of the same name (an appendix and an account's attachment) say their app's."""
    models = list(belonging_paths(Partnership))
    names = Counter(kind_label(model) for model in models)
    kinds = [
        (
            kind_key(model),
            kind_label(model)
            if names[kind_label(model)] == 1
            else f"{kind_label(model)} ({model._meta.app_config.verbose_name})",
        )
        for model in models
    ]
    return sorted(kinds, key=lambda kind: kind[1])


def _models_by_kind():
    return {kind_key(model): model for model in belonging_paths(Partnership)}


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _rows(model, partnership, *, user_id=None, since=None, until=None):
    rows = history_model(model).objects.filter(
        id__in=ids_belonging(model, Partnership, partnership.pk)
    )
    if user_id:
        rows = rows.filter(history_user_id=user_id)
    if since:
        rows = rows.filter(history_date__gte=_day_start(since))
    if until:
        rows = rows.filter(history_date__lt=_day_start(until + datetime.timedelta(days=1)))
    return rows


def partnership_history(
    partnership: Partnership,
    *,
    kind: str = "",
    user_id=None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
):
    """Every history row of the partnership's records, newest first, as (kind, history_id,
    history_date) rows of one UNION query: page it, then `history_versions()` the page."""
    by_kind = _models_by_kind()
    models = [by_kind[kind]] if kind in by_kind else list(by_kind.values())
    parts = [
        _rows(model, partnership, user_id=user_id, since=since, until=until)
        .annotate(history_kind=Value(kind_key(model), output_field=CharField()))
        .values_list("history_kind", "history_id", "history_date")
        .order_by()
        for model in models
    ]
    first, *others = parts
    return first.union(*others, all=True).order_by("-history_date", "history_kind", "-history_id")


def history_people(partnership: Partnership):
    """Everyone who changed something of the partnership, for the filter (two queries)."""
    parts = [
        _rows(model, partnership).values_list("history_user_id", flat=True).order_by()
        for model in belonging_paths(Partnership)
    ]
    first, *others = parts
    ids = {pk for pk in first.union(*others) if pk is not None}
    return get_user_model().objects.filter(pk__in=ids).order_by("first_name", "last_name", "pk")


def _previous(history):
    """The version before each row of the same record (a subquery)."""
    return Subquery(
        history.objects.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )


def history_versions(page_rows) -> list[Version]:
    """The page's rows (from `partnership_history`) read in full, with what each changed."""
    by_kind = _models_by_kind()
    wanted = defaultdict(list)
    for kind, history_id, _date in page_rows:
        wanted[kind].append(history_id)
    records, previous = {}, {}
    for kind, history_ids in wanted.items():
        model = by_kind[kind]
        history = history_model(model)
        rows = (
            history.objects.filter(history_id__in=history_ids)
            .select_related("history_user", *label_select_related(model))
            .annotate(previous_id=_previous(history))
        )
        for row in rows:
            records[kind, row.history_id] = row
        earlier = [row.previous_id for row in rows if row.previous_id]
        for row in history.objects.filter(history_id__in=earlier):
            previous[kind, row.history_id] = row
    changes = {}
    for (kind, history_id), row in records.items():
        before = previous.get((kind, row.previous_id))
        changes[kind, history_id] = raw_changes(by_kind[kind], row, before)
    related = related_labels(
        (model_field, value)
        for found in changes.values()
        for model_field, old, new in found
        for value in (old, new)
    )
    labels = dict(history_kinds())
    versions = []
    for kind, history_id, _date in page_rows:
        row = records[kind, history_id]
        model = by_kind[kind]
        versions.append(
            Version(
                kind=kind,
                kind_label=labels[kind],
                record=record_label(row, model),
                when=row.history_date,
                who=person(row.history_user),
                change=row.history_type,
                changes=[
                    FieldChange(
                        label=field_label(model_field),
                        old=shown(model_field, old, related),
                        new=shown(model_field, new, related),
                    )
                    for model_field, old, new in changes[kind, history_id]
                ],
                without_earlier=row.history_type == "~" and row.previous_id is None,
            )
        )
    return versions

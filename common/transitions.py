"""One way to move a record through its lifecycle, used by every state machine.

A `Lifecycle` holds the allowed transitions as data, the Swedish refusals and how to write the
event row. `transition()` does the rest, always in the same order, inside one transaction:

1. re-read the row with `select_for_update()` (two clicks at once queue up here);
2. refuse a move the table does not allow from the status the row has *now*;
3. run the caller's own checks on the locked row (they may return more fields to set);
4. move it with a conditional UPDATE (… WHERE status = <the status read>), so a change that
   slipped past the lock (or a backend without row locks) makes the second move fail;
5. write a history row (the UPDATE bypasses the model's save signals) and the event row.

Every refusal is a ValidationError keyed by a form field (or the form as a whole), and nothing
is saved when one is raised.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model

# (locked row, from status, to status, user, note) -> the event row, saved.
EventWriter = Callable[[models.Model, str, str, Any, str], models.Model]
# The caller's checks on the locked row: raise ValidationError, or return fields to set.
Check = Callable[[models.Model], Mapping[str, Any] | None]


@dataclass(frozen=True)
class Lifecycle:
    model: type[models.Model]
    transitions: Mapping[str, tuple[str, ...]]
    statuses: type[models.TextChoices]
    # "%(from)s" and "%(to)s" are filled with the statuses' labels.
    refusal: str
    concurrent_change: str
    record_event: EventWriter | None = None
    field: str = "status"
    error_field: str = NON_FIELD_ERRORS

    def allowed(self, status: str) -> tuple[str, ...]:
        return tuple(self.transitions.get(status, ()))

    def label(self, status: str) -> str:
        return self.statuses(status).label if status in self.statuses.values else status

    def refuse(self, from_status: str, to_status: str) -> ValidationError:
        return ValidationError(
            {
                self.error_field: self.refusal
                % {"from": self.label(from_status), "to": self.label(to_status)}
            }
        )


def record_history(instance: models.Model, *, user=None) -> None:
    """A history row ("changed") for a row written by an UPDATE, which sends no save signal."""
    try:
        manager = get_history_manager_for_model(type(instance))
    except NotHistoricalModelError:
        return
    manager.bulk_history_create([instance], update=True, default_user=user)


def _auto_now_fields(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) and not getattr(field, "auto_now_add", False)
    ]


@transaction.atomic
def transition(
    *,
    lifecycle: Lifecycle,
    obj: models.Model,
    to_status: str,
    user,
    note: str = "",
    check: Check | None = None,
    updates: Mapping[str, Any] | None = None,
    select_related: tuple[str, ...] = (),
) -> models.Model:
    """Move `obj` to `to_status` if its lifecycle allows it now; returns the locked row, moved.
    `obj` itself is refreshed too, so the caller's copy shows the new state."""
    model = lifecycle.model
    locked = (
        model._default_manager.select_for_update(of=("self",))
        .select_related(*select_related)
        .get(pk=obj.pk)
    )
    from_status = getattr(locked, lifecycle.field)
    if to_status not in lifecycle.allowed(from_status):
        raise lifecycle.refuse(from_status, to_status)
    values = dict(updates or {})
    if check is not None:
        values.update(check(locked) or {})
    values[lifecycle.field] = to_status
    now = timezone.now()
    for name in _auto_now_fields(model):
        values.setdefault(name, now)
    moved = model._default_manager.filter(pk=locked.pk, **{lifecycle.field: from_status}).update(
        **values
    )
    if moved != 1:
        raise ValidationError({lifecycle.error_field: lifecycle.concurrent_change})
    locked.refresh_from_db()
    record_history(locked, user=user)
    if lifecycle.record_event is not None:
        lifecycle.record_event(locked, from_status, to_status, user, note)
    if obj is not locked:
        obj.refresh_from_db()
    return locked

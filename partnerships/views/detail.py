"""A partnership's page."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from partnerships import forms
from partnerships.constants import AppendixStatus
from partnerships.models import Appendix, Partnership, Party, StatusChange
from partnerships.permissions import can_edit

from .common import _partnership


def detail_queryset():
    parties = Party.objects.select_related("organisation").prefetch_related(
        Prefetch("appendices", queryset=Appendix.objects.order_by("-version"))
    )
    return Partnership.objects.prefetch_related(
        Prefetch("parties", queryset=parties.order_by("-is_public", "joined_on", "pk")),
        "criteria",
        Prefetch("status_changes", queryset=_status_changes()),
    )


HISTORY_LENGTH = 20


HISTORY_IGNORED = {"id", "created_at", "updated_at"}


def field_history(partnership) -> list[dict]:
    """The last changes to the partnership's fields: who, when and which fields.

    One query: the 21 newest records are compared pairwise in Python."""
    records = list(
        partnership.history.select_related("history_user").order_by("-history_date", "-pk")[
            : HISTORY_LENGTH + 1
        ]
    )
    fields = [f for f in Partnership._meta.concrete_fields if f.name not in HISTORY_IGNORED]
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if len(entries) == HISTORY_LENGTH:
            break
        if newer.history_type == "+":
            changed = []
        elif older is None:
            continue  # the oldest record fetched only serves as the base of the next one
        else:
            changed = [
                f.verbose_name
                for f in fields
                if getattr(newer, f.attname) != getattr(older, f.attname)
            ]
            if not changed:
                continue
        entries.append(
            {
                "user": newer.history_user,
                "date": newer.history_date,
                "created": newer.history_type == "+",
                "fields": changed,
            }
        )
    return entries


def _status_changes():

    return StatusChange.objects.select_related("changed_by").order_by("changed_at", "pk")


def _with_older_appendices(parties):
    parties = list(parties)
    for party in parties:
        party.older_appendices = [
            a for a in party.appendices.all() if a.status != AppendixStatus.CURRENT
        ]
    return parties


def _related_panels(user, partnership) -> dict:
    """Finance and governance summaries for the page. Imported here because those apps
    build on partnerships, not the other way round."""
    from finance.permissions import organisation_filter
    from finance.selectors import partnership_summary
    from governance.selectors import groups_for_partnership

    return {
        "finance_summary": partnership_summary(
            partnership=partnership, organisation_ids=organisation_filter(user, partnership)
        ),
        "groups": groups_for_partnership(partnership=partnership),
    }


def render_detail(request, partnership, *, transition_form=None, status=200):
    editable = can_edit(request.user, partnership)
    if editable and transition_form is None and partnership.allowed_transitions:
        transition_form = forms.TransitionForm(partnership=partnership)
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "parties": _with_older_appendices(partnership.parties.all()),
            "criteria": list(partnership.criteria.all()),
            "status_changes": list(partnership.status_changes.all()),
            "history": field_history(partnership),
            "can_edit": editable,
            "transition_form": transition_form if editable else None,
            **_related_panels(request.user, partnership),
        },
        status=status,
    )


@login_required
def partnership_detail(request, pk):
    partnership = _partnership(request, pk, queryset=detail_queryset())
    return render_detail(request, partnership)

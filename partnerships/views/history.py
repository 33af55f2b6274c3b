"""A partnership's "Historik" page: every recorded change of what belongs to it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from common.pagination import paginate
from partnerships.forms import HistoryFilterForm
from partnerships.history import (
    history_kinds,
    history_people,
    history_versions,
    partnership_history,
)
from partnerships.permissions import can_see_history

from .common import _partnership


@login_required
@require_GET
def partnership_history_page(request, pk):
    partnership = _partnership(request, pk)
    if not can_see_history(request.user, partnership):
        raise Http404
    form = HistoryFilterForm(
        request.GET or None, kinds=history_kinds(), people=history_people(partnership)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    rows = partnership_history(
        partnership,
        kind=filters.get("kind") or "",
        user_id=filters.get("person"),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    listing = paginate(request, rows)
    return render(
        request,
        "partnerships/partnership_history.html",
        {
            "partnership": partnership,
            "form": form,
            "listing": listing,
            "versions": history_versions(listing.rows),
        },
    )

"""A partnership's page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from partnerships import forms
from partnerships.next_steps import next_steps
from partnerships.panels import partnership_panels
from partnerships.permissions import can_edit, can_see_history
from partnerships.selectors import detail_queryset, parties_with_older_appendices

from .common import _partnership


def render_detail(request, partnership, *, transition_form=None, status=200):
    editable = can_edit(request.user, partnership)
    steps = next_steps(user=request.user, partnership=partnership)
    if editable and transition_form is None and partnership.allowed_transitions:
        transition_form = forms.TransitionForm(
            partnership=partnership, missing=steps.missing_before_proposal
        )
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "parties": parties_with_older_appendices(partnership),
            "criteria": list(partnership.criteria.all()),
            "status_changes": list(partnership.status_changes.all()),
            "can_see_history": can_see_history(request.user, partnership),
            "can_edit": editable,
            "transition_form": transition_form if editable else None,
            "panels": partnership_panels.render(request=request, partnership=partnership),
            "next": steps,
        },
        status=status,
    )


@login_required
def partnership_detail(request, pk):
    partnership = _partnership(request, pk, queryset=detail_queryset())
    return render_detail(request, partnership)

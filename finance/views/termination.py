"""Terminating an organisation's part and extending the period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from common.forms import add_service_errors
from finance import forms, services
from partnerships.consequences import consequences_of
from partnerships.constants import Status

from .common import _back, _partnership


@login_required
def terminate(request, pk):
    """Step one (preview): shows what would be kept, stopped and paid back. Step two
    (`confirm` in the POST): applies it."""
    partnership = _partnership(request, pk, manage=True)
    form = forms.TerminationForm(request.POST or None, partnership=partnership)
    plan = None
    still_due = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "confirm" in request.POST:
                services.termination_apply(
                    partnership=partnership,
                    party=data["party"],
                    date=data["date"],
                    reason=data["reason"],
                    user=request.user,
                )
                messages.success(request, _("The termination was recorded."))
                return _back(partnership)
            plan = services.termination_preview(
                partnership=partnership, party=data["party"], date=data["date"]
            )
            # The payments it stops are in the plan; what else it leaves open comes from the
            # apps that own it (the accounts and reports still due).
            still_due = consequences_of(
                partnership=partnership,
                to_status=Status.TERMINATED,
                party=data["party"],
                topics=frozenset({"reporting"}),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(
        request,
        "finance/terminate.html",
        {"partnership": partnership, "form": form, "plan": plan, "still_due": still_due},
        status=400 if form.errors else 200,
    )


@login_required
def extend(request, pk):
    """The decision to extend by a year: refused (with the reason at the top, what was typed
    kept) when the partnership cannot be extended now."""
    partnership = _partnership(request, pk, manage=True)
    form = forms.ExtensionForm(request.POST or None)
    new_end = None
    try:
        new_end = services.extension_end(partnership=partnership)
    except ValidationError as exc:
        add_service_errors(form, exc)
    if request.method == "POST" and new_end and form.is_valid():
        try:
            services.partnership_extend(
                partnership=partnership, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The partnership was extended by a year."))
            return _back(partnership)
    return render(
        request,
        "finance/extend.html",
        {
            "partnership": partnership,
            "new_end": new_end,
            "form": form,
            "extensions": partnership.extensions.select_related("recorded_by"),
        },
        status=400 if request.method == "POST" else 200,
    )

"""Registering and changing a partnership, its criteria and its status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import VersionForm, add_service_errors
from partnerships import forms, services
from partnerships.consequences import consequences_of
from partnerships.constants import FINAL_STATUSES, Status
from partnerships.next_steps import next_steps
from partnerships.permissions import bodies_for_new_partnership, can_create
from partnerships.selectors import case_officer_choices, detail_queryset

from .common import _partnership
from .detail import render_detail


@login_required
def partnership_create(request):
    if not can_create(request.user):
        raise PermissionDenied
    public_bodies = bodies_for_new_partnership(request.user)
    form = forms.PartnershipForm(request.POST or None, public_bodies=public_bodies)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_create(
                public_body=form.cleaned_data["public_body"],
                registered_by=request.user,
                **form.partnership_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The partnership was created."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/partnership_form.html",
        {"form": form, "heading": _("New partnership"), "partnership": None},
    )


@login_required
def case_officer_update(request, pk):
    partnership = _partnership(request, pk, edit=True)
    form = forms.CaseOfficerForm(
        request.POST or None,
        initial={"case_officer": partnership.case_officer_id},
        choices=case_officer_choices(partnership.public_body_id),
        version=services.CASE_OFFICER_VERSION.version(partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_officer_assign(
                partnership=partnership,
                officer=form.cleaned_data["case_officer"],
                version=form.version,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The case officer was saved."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/simple_form.html",
        {"form": form, "heading": _("Case officer"), "partnership": partnership},
    )


@login_required
def partnership_update(request, pk):
    partnership = _partnership(request, pk, edit=True)
    if not partnership.is_editable:
        messages.error(
            request,
            _(
                "A partnership that is “%(status)s” can no longer be edited: "
                "changes are made as amendments."
            )
            % {"status": partnership.get_status_display()},
        )
        return redirect(partnership)
    form = forms.PartnershipForm(
        request.POST or None,
        instance=partnership,
        version=services.PARTNERSHIP_VERSION.version(partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(
                partnership=partnership, version=form.version, **form.partnership_fields()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The partnership was saved."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/partnership_form.html",
        {"form": form, "heading": _("Edit partnership"), "partnership": partnership},
    )


@login_required
def criteria_update(request, pk):
    partnership = _partnership(request, pk, edit=True)
    assessments = list(partnership.criteria.all())
    initial = [
        {
            "criterion": a.criterion,
            "met": forms.VALUE_TO_MET[a.is_met],
            "justification": a.justification,
        }
        for a in assessments
    ]
    formset = forms.CriterionFormSet(request.POST or None, initial=initial, prefix="criteria")
    version_form = VersionForm(
        request.POST or None, version=services.CRITERIA_VERSION.version(partnership)
    )
    if request.method == "POST" and version_form.is_valid() and formset.is_valid():
        known = {a.criterion for a in assessments}
        rows = [row for row in formset.assessments() if row[0] in known]
        try:
            services.criteria_assess(
                partnership=partnership, assessments=rows, version=version_form.version
            )
        except ValidationError as exc:
            add_service_errors(version_form, exc)
        else:
            messages.success(request, _("The assessment against Forum's criteria was saved."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/criteria_form.html",
        {"formset": formset, "version_form": version_form, "partnership": partnership},
    )


@login_required
@require_POST
def partnership_transition(request, pk):
    """One step through the lifecycle. Ending goes through a confirmation page first that lists
    what it leaves behind and asks for the reason; terminating is sent to finance's termination
    (the only way to "terminated")."""
    partnership = _partnership(request, pk, edit=True)
    form = forms.TransitionForm(
        request.POST,
        partnership=partnership,
        missing=next_steps(user=request.user, partnership=partnership).missing_before_proposal,
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["to_status"] == Status.TERMINATED:
            # One path: the termination under Finances shows what stops and what is paid back,
            # asks for the reason and the date, and makes the partnership "terminated".
            return redirect("finance:terminate", pk=partnership.pk)
        final = data["to_status"] in FINAL_STATUSES
        if final and "confirm" not in request.POST:
            return _confirm_final(request, partnership, form)
        try:
            services.partnership_transition(
                partnership=partnership,
                to_status=data["to_status"],
                user=request.user,
                decided_on=data.get("decided_on"),
                decision_paragraph=data.get("decision_paragraph") or "",
                note=data.get("note") or "",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            if final:
                return _confirm_final(request, partnership, form, status=400)
        else:
            messages.success(
                request,
                _("The partnership is now “%(status)s”.")
                % {"status": Status(data["to_status"]).label},
            )
            return redirect(partnership)
    partnership = _partnership(request, pk, queryset=detail_queryset())
    return render_detail(request, partnership, transition_form=form)


def _confirm_final(request, partnership, form, *, status=200):
    to_status = form.cleaned_data["to_status"]
    return render(
        request,
        "partnerships/transition_confirm.html",
        {
            "partnership": partnership,
            "form": form,
            "to_status": to_status,
            "to_label": Status(to_status).label,
            "consequences": consequences_of(partnership=partnership, to_status=to_status),
        },
        status=status,
    )

"""Parties and their appendices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.forms import add_service_errors
from partnerships import forms, services
from partnerships.models import Appendix
from partnerships.permissions import can_edit

from .common import _partnership


@login_required
def party_create(request, pk):
    partnership = _partnership(request, pk, edit=True)
    form = forms.PartyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            party = services.party_add(partnership=partnership, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s is now a party.") % {"name": party.organisation.name}
            )
            return redirect(partnership)
    return render(
        request,
        "partnerships/simple_form.html",
        {"form": form, "partnership": partnership, "heading": _("Add a party")},
    )


@login_required
def party_leave(request, pk, party_pk):
    partnership = _partnership(request, pk, edit=True)
    party = get_object_or_404(partnership.parties.select_related("organisation"), pk=party_pk)
    form = forms.PartyLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.party_leave(party=party, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s has left the partnership.") % {"name": party.organisation}
            )
            return redirect(partnership)
    return render(
        request,
        "partnerships/simple_form.html",
        {
            "form": form,
            "partnership": partnership,
            "heading": _("%(name)s leaves the partnership") % {"name": party.organisation},
            "danger": True,
        },
    )


def _appendix_forms(request, *, initial=None, resources=None, version=None):
    data = request.POST if request.method == "POST" else None
    form = forms.AppendixForm(data, initial=initial, version=version)
    formset = forms.ResourceFormSet(data, initial=resources, prefix="resources")
    return form, formset


def _appendix_page(request, partnership, party, form, formset, heading, appendix=None):
    return render(
        request,
        "partnerships/appendix_form.html",
        {
            "partnership": partnership,
            "party": party,
            "form": form,
            "formset": formset,
            "heading": heading,
            "appendix": appendix,
        },
    )


@login_required
def appendix_create(request, pk, party_pk):
    partnership = _partnership(request, pk, edit=True)
    party = get_object_or_404(partnership.parties.select_related("organisation"), pk=party_pk)
    form, formset = _appendix_forms(request)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            appendix = services.appendix_create(
                party=party, resources=formset.resources(), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Appendix %(number)s was added.") % {"number": appendix.number}
            )
            return redirect(partnership)
    heading = _("New appendix for %(name)s") % {"name": party.organisation}
    return _appendix_page(request, partnership, party, form, formset, heading)


def _appendix(partnership, appendix_pk):
    return get_object_or_404(
        Appendix.objects.filter(party__partnership=partnership).select_related(
            "party__organisation", "replaces"
        ),
        pk=appendix_pk,
    )


@login_required
def appendix_detail(request, pk, appendix_pk):
    partnership = _partnership(request, pk)
    appendix = _appendix(partnership, appendix_pk)
    replaced_by = Appendix.objects.filter(replaces=appendix).first()
    return render(
        request,
        "partnerships/appendix_detail.html",
        {
            "partnership": partnership,
            "appendix": appendix,
            "party": appendix.party,
            "resources": list(appendix.resources.all()),
            "replaced_by": replaced_by,
            "can_edit": can_edit(request.user, partnership),
        },
    )


@login_required
def appendix_replace(request, pk, appendix_pk):
    partnership = _partnership(request, pk, edit=True)
    old = _appendix(partnership, appendix_pk)
    initial = {"title": old.title, "commitments": old.commitments}
    resources = [
        {"kind": r.kind, "description": r.description, "amount": r.amount}
        for r in old.resources.all()
    ]
    form, formset = _appendix_forms(
        request,
        initial=initial,
        resources=resources,
        version=services.APPENDIX_VERSION.version(old),
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            new = services.appendix_replace(
                appendix=old, resources=formset.resources(), **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Appendix %(number)s version %(version)s is now in force.")
                % {"number": new.number, "version": new.version},
            )
            return redirect(new)
    heading = _("Replace appendix %(number)s (%(name)s)") % {
        "number": old.number,
        "name": old.party.organisation,
    }
    return _appendix_page(request, partnership, old.party, form, formset, heading, appendix=old)


@login_required
def appendix_drop(request, pk, appendix_pk):
    partnership = _partnership(request, pk, edit=True)
    appendix = _appendix(partnership, appendix_pk)
    form = forms.AppendixDropForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appendix_drop(appendix=appendix, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Appendix %(number)s was dropped.") % {"number": appendix.number}
            )
            return redirect(partnership)
    return render(
        request,
        "partnerships/simple_form.html",
        {
            "form": form,
            "partnership": partnership,
            "heading": _("Drop appendix %(number)s (%(name)s)")
            % {"number": appendix.number, "name": appendix.party.organisation},
            "danger": True,
        },
    )

"""The organisation register: list, detail, create and edit."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from common.forms import add_service_errors
from common.pagination import paginate
from partnerships.models import Partnership

from . import lookup
from .forms import OrganisationForm, OrganisationSearchForm, SignatoryFormSet, signatories_from
from .models import Organisation
from .permissions import can_change_sector, can_edit_organisation, can_register_organisation
from .services import organisation_create as create_organisation
from .services import organisation_update as update_organisation
from .validators import format_bankgiro, format_org_number, format_plusgiro

# Sortable columns, each backed by an index.
LIST_SORTS = {"name": ("name", "pk"), "org_number": ("org_number", "pk")}
PARTNERSHIP_SORTS = {"start": ("start_date", "title", "pk"), "title": ("title", "pk")}
HISTORY_LIMIT = 20
# Bookkeeping columns that change on every save and say nothing to a reader.
HISTORY_IGNORED_FIELDS = ["updated_at", "created_at"]


@login_required
def organisation_list(request):
    organisations = Organisation.objects.visible_to(request.user)
    form = OrganisationSearchForm(request.GET or None)
    if form.is_valid():
        organisations = organisations.search(form.cleaned_data["q"])
        if form.cleaned_data["sector"]:
            organisations = organisations.filter(sector=form.cleaned_data["sector"])
    listing = paginate(request, organisations, sorts=LIST_SORTS, default="name")
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "form": form,
            "listing": listing,
            "page": listing.page,
            "can_manage": can_register_organisation(request.user),
        },
    )


def _field_label(name: str) -> str:
    try:
        return capfirst(Organisation._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


NUMBER_FORMATS = {
    "org_number": format_org_number,
    "bankgiro": format_bankgiro,
    "plusgiro": format_plusgiro,
}


def _shown(name: str, value) -> str:
    """A stored value as the pages show it: labels for codes, formatted numbers."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name in NUMBER_FORMATS:
        return NUMBER_FORMATS[name](value)
    try:
        choices = dict(Organisation._meta.get_field(name).flatchoices)
    except FieldDoesNotExist:
        choices = {}
    return str(choices.get(value, value))


@dataclass
class HistoryEntry:
    record: object
    kind: str
    changes: list


def organisation_history(organisation: Organisation, *, limit: int = HISTORY_LIMIT):
    """The latest `limit` versions, newest first, each with the fields that changed."""
    records = list(
        organisation.history.select_related("history_user").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )
    entries = []
    for record, previous in zip(records[:limit], records[1:] + [None], strict=False):
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=HISTORY_IGNORED_FIELDS)
            for change in delta.changes:
                changes.append(
                    {
                        "field": _field_label(change.field),
                        "old": _shown(change.field, change.old),
                        "new": _shown(change.field, change.new),
                    }
                )
        entries.append(HistoryEntry(record=record, kind=record.history_type, changes=changes))
    return entries


@login_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user).prefetch_related("signatories"), pk=pk
    )
    partnerships = (
        Partnership.objects.visible_to(request.user)
        .filter(pk__in=organisation.parties.values("partnership_id"))
        .select_related("public_body")
    )
    listing = paginate(request, partnerships, sorts=PARTNERSHIP_SORTS, default="-start")
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "partnerships": listing,
            "history": organisation_history(organisation),
            "can_manage": can_edit_organisation(request.user, organisation),
        },
    )


def _save(form, formset, save):
    """Run the service in a savepoint; its errors go back into the form."""
    try:
        with transaction.atomic():
            return save(signatories=signatories_from(formset), **form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@login_required
def organisation_create(request):
    if not can_register_organisation(request.user):
        raise PermissionDenied
    organisation = Organisation()
    form = OrganisationForm(
        request.POST or None,
        instance=organisation,
        allow_public_sector=can_change_sector(request.user),
    )
    formset = SignatoryFormSet(request.POST or None, instance=organisation, prefix="signatories")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        created = _save(form, formset, create_organisation)
        if created is not None:
            messages.success(request, _("The organisation was registered."))
            return redirect(created)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "formset": formset, "organisation": None},
    )


@login_required
def organisation_update(request, pk):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    # The form works on a copy, so a refused form leaves nothing half-changed in memory.
    form = OrganisationForm(
        request.POST or None, instance=Organisation.objects.get(pk=organisation.pk)
    )
    formset = SignatoryFormSet(request.POST or None, instance=organisation, prefix="signatories")
    if request.method == "POST" and form.is_valid() and formset.is_valid():

        def save(**fields):
            return update_organisation(organisation=organisation, **fields)

        updated = _save(form, formset, save)
        if updated is not None:
            messages.success(request, _("The organisation was saved."))
            return redirect(updated)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "formset": formset, "organisation": organisation},
    )


@login_required
def organisation_suggest(request):
    """Suggestions for an organisation filter, as JSON: the register the user may read, or
    with `scope=parties` only parties to partnerships the user may see."""
    if request.GET.get("scope") == "parties":
        among = Partnership.objects.visible_to(request.user).party_organisations()
    else:
        among = Organisation.objects.visible_to(request.user)
    return JsonResponse(lookup.suggestions(request.GET.get("q", ""), among), safe=False)

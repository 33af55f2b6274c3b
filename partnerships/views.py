"""Partnership pages. Every lookup starts from what the user may see (another body's or an
unrelated organisation's partnership is a 404); changes need `can_edit` (403 otherwise).
Business rules live in services.py; views only translate between forms and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.forms import add_service_errors
from organisations.models import Organisation
from organisations.roles import roles_for

from . import forms, services
from .constants import AppendixStatus, Status
from .filters import PartnershipFilter
from .models import Appendix, Partnership, Party
from .permissions import can_create, can_edit

PAGE_SIZE = 25


def _partnership(request, pk, *, edit=False, queryset=None) -> Partnership:
    queryset = queryset if queryset is not None else Partnership.objects.all()
    partnership = get_object_or_404(
        queryset.visible_to(request.user).select_related("public_body"), pk=pk
    )
    if edit and not can_edit(request.user, partnership):
        raise PermissionDenied
    return partnership


@login_required
def partnership_list(request):
    visible = Partnership.objects.visible_to(request.user)
    filterset = PartnershipFilter(request.GET or None, queryset=visible, request=request)
    partnerships = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    if filterset.is_bound and not filterset.is_valid():
        partnerships = visible.none()
    partnerships = partnerships.for_list().order_by("-start_date", "title", "pk")
    page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_create": can_create(request.user),
        },
    )


def _detail_queryset():
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
    from .models import StatusChange

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


def _render_detail(request, partnership, *, transition_form=None, status=200):
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
    partnership = _partnership(request, pk, queryset=_detail_queryset())
    return _render_detail(request, partnership)


def _public_bodies_for(user):
    roles = roles_for(user)
    bodies = Organisation.objects.public_bodies().order_by("name")
    if roles.is_superuser:
        return bodies
    return bodies.filter(pk__in=roles.administrator_of)


@login_required
def partnership_create(request):
    if not can_create(request.user):
        raise PermissionDenied
    public_bodies = _public_bodies_for(request.user)
    form = forms.PartnershipForm(request.POST or None, public_bodies=public_bodies)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_create(
                public_body=form.cleaned_data["public_body"], **form.partnership_fields()
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
    form = forms.PartnershipForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(partnership=partnership, **form.partnership_fields())
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
    if request.method == "POST" and formset.is_valid():
        known = {a.criterion for a in assessments}
        rows = [row for row in formset.assessments() if row[0] in known]
        services.criteria_assess(partnership=partnership, assessments=rows)
        messages.success(request, _("The assessment against Forum's criteria was saved."))
        return redirect(partnership)
    return render(
        request,
        "partnerships/criteria_form.html",
        {"formset": formset, "partnership": partnership},
    )


@login_required
@require_POST
def partnership_transition(request, pk):
    partnership = _partnership(request, pk, edit=True)
    form = forms.TransitionForm(request.POST, partnership=partnership)
    if form.is_valid():
        data = form.cleaned_data
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
        else:
            messages.success(
                request,
                _("The partnership is now “%(status)s”.")
                % {"status": Status(data["to_status"]).label},
            )
            return redirect(partnership)
    partnership = _partnership(request, pk, queryset=_detail_queryset())
    return _render_detail(request, partnership, transition_form=form)


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


def _appendix_forms(request, *, initial=None, resources=None):
    data = request.POST if request.method == "POST" else None
    form = forms.AppendixForm(data, initial=initial)
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
    form, formset = _appendix_forms(request, initial=initial, resources=resources)
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

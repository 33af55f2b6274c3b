"""The organisation register: list, detail, create and edit."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.forms import add_service_errors
from common.pagination import paginate

from . import lookup
from .forms import (
    OrganisationForm,
    OrganisationSearchForm,
    RelationContactForm,
    RelationForm,
    SignatoryFormSet,
    signatories_from,
)
from .history import organisation_history
from .models import GiroChange, Membership, Organisation, Relation, relation_for
from .panels import organisation_panels
from .permissions import (
    can_change_sector,
    can_edit_organisation,
    can_edit_relation,
    can_edit_relation_contact,
    can_read_relation,
    can_register_organisation,
    identity_editing_bodies,
    relation_bodies,
)
from .services import (
    ORGANISATION_VERSION,
    RELATION_CONTACT_VERSION,
    RELATION_VERSION,
    giro_change_confirm,
    giro_change_withdraw,
    representative_revoke,
)
from .services import organisation_create as create_organisation
from .services import organisation_update as update_organisation
from .services import relation_update as update_relation

# Sortable columns, each backed by an index.
LIST_SORTS = {"name": ("name", "pk"), "org_number": ("org_number", "pk")}


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


@dataclass
class RelationPanel:
    """One viewing body's own relation with the organisation, as the page shows it."""

    body: Organisation
    relation: Relation | None
    can_edit: bool
    can_edit_all: bool
    history: list
    pending_giro: GiroChange | None = None
    representatives: list = field(default_factory=list)


@login_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    # Only the viewing bodies' own relations: another body's contact, giro and history never
    # show here.
    bodies = list(relation_bodies(request.user, organisation))
    relations = {
        relation.body_id: relation
        for relation in Relation.objects.filter(
            organisation=organisation, body__in=[b.pk for b in bodies]
        ).prefetch_related("signatories")
    }
    # The representatives each viewing body invited, who invited them and when: one query.
    representatives = {}
    for membership in (
        Membership.objects.representatives()
        .filter(organisation=organisation, body__in=[b.pk for b in bodies])
        .select_related("user", "invited_by")
        .order_by("user__last_name", "user__first_name", "pk")
    ):
        representatives.setdefault(membership.body_id, []).append(membership)
    panels = []
    for body in bodies:
        relation = relations.get(body.pk)
        panels.append(
            RelationPanel(
                body=body,
                relation=relation,
                can_edit=can_edit_relation_contact(
                    request.user, body=body, organisation=organisation
                ),
                can_edit_all=can_edit_relation(request.user, body=body, organisation=organisation),
                history=organisation_history(relation) if relation else [],
                representatives=representatives.get(body.pk, []),
                pending_giro=relation.giro_changes.pending().select_related("proposed_by").first()
                if relation
                else None,
            )
        )
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "panels": panels,
            # The partnerships it is party to (partnerships registers that section).
            "sections": organisation_panels.render(request=request, organisation=organisation),
            "history": organisation_history(organisation),
            "can_manage": can_edit_organisation(request.user, organisation),
        },
    )


def _save(form, save, **extra):
    """Run the service in a savepoint; its errors go back into the form."""
    try:
        with transaction.atomic():
            return save(**extra, **form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@login_required
def organisation_create(request):
    if not can_register_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(
        request.POST or None,
        instance=Organisation(),
        allow_public_sector=can_change_sector(request.user),
    )
    if request.method == "POST" and form.is_valid():
        created = _save(form, create_organisation)
        if created is not None:
            messages.success(request, _("The organisation was registered."))
            return redirect(created)
    return render(
        request, "organisations/organisation_form.html", {"form": form, "organisation": None}
    )


@login_required
def organisation_update(request, pk):
    """The identity, shared by every body: changed by the administrators of the bodies that
    partner with the organisation (of the body itself for a public body)."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    # The form works on a copy, so a refused form leaves nothing half-changed in memory.
    editable = Organisation.objects.get(pk=organisation.pk)
    form = OrganisationForm(
        request.POST or None, instance=editable, version=ORGANISATION_VERSION.version(editable)
    )
    if request.method == "POST" and form.is_valid():
        bodies = identity_editing_bodies(request.user, organisation)
        body_names = ", ".join(str(body) for body in bodies)

        def save(**fields):
            # The history names the body (or bodies) the administrator acts for.
            return update_organisation(organisation=organisation, body=body_names or None, **fields)

        updated = _save(form, save)
        if updated is not None:
            messages.success(request, _("The organisation was saved."))
            return redirect(updated)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
def relation_update(request, pk, body_pk):
    """One body's relation with the organisation: everything for the body's administrators,
    the contact details for the representatives the body invited. Another body's relation
    is a 404."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    body = get_object_or_404(Organisation.objects.public_bodies(), pk=body_pk)
    if not can_read_relation(request.user, body=body, organisation=organisation):
        raise Http404
    if not can_edit_relation_contact(request.user, body=body, organisation=organisation):
        raise PermissionDenied
    full = can_edit_relation(request.user, body=body, organisation=organisation)
    current = relation_for(body, organisation)
    # The form works on a copy, so a refused form leaves nothing half-changed in memory.
    editable = Relation.objects.get(pk=current.pk) if current.pk else current
    form_class = RelationForm if full else RelationContactForm
    versioned = RELATION_VERSION if full else RELATION_CONTACT_VERSION
    form = form_class(request.POST or None, instance=editable, version=versioned.version(current))
    formset = (
        SignatoryFormSet(request.POST or None, instance=current, prefix="signatories")
        if full
        else None
    )
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        extra = {"signatories": signatories_from(formset)} if formset is not None else {}
        saved = _save(
            form, update_relation, body=body, organisation=organisation, user=request.user, **extra
        )
        if saved is not None:
            messages.success(request, _("The details were saved."))
            if saved.giro_changes.pending().exists():
                messages.info(
                    request,
                    _(
                        "The new giro number takes effect when another administrator of "
                        "%(body)s confirms it. Until then payments keep the old number."
                    )
                    % {"body": body.name},
                )
            return redirect(organisation)
    return render(
        request,
        "organisations/relation_form.html",
        {
            "form": form,
            "formset": formset,
            "full": full,
            "organisation": organisation,
            "body": body,
        },
    )


@login_required
def giro_change(request, pk):
    """A proposed giro change: a second administrator of the body confirms it (the proposer
    cannot), or an administrator withdraws it. Another body's change is a 404."""
    change = get_object_or_404(
        GiroChange.objects.visible_to(request.user).select_related(
            "relation__body", "relation__organisation", "proposed_by", "decided_by"
        ),
        pk=pk,
    )
    relation = change.relation
    if not can_edit_relation(request.user, body=relation.body, organisation=relation.organisation):
        raise PermissionDenied
    error = None
    if request.method == "POST" and change.is_pending:
        action = request.POST.get("action")
        try:
            if action == "confirm":
                giro_change_confirm(change=change, user=request.user)
                messages.success(request, _("The new giro number is confirmed and in use."))
                return redirect(relation.organisation)
            if action == "withdraw":
                giro_change_withdraw(change=change, user=request.user)
                messages.success(request, _("The giro change was withdrawn."))
                return redirect(relation.organisation)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "organisations/giro_change.html",
        {
            "change": change,
            "relation": relation,
            "error": error,
            "own_proposal": change.proposed_by_id == request.user.pk,
        },
    )


@login_required
def representative_remove(request, pk, membership_pk):
    """Revoke a representative (confirmed): the administrators of the body that invited them.
    Another body's representative is a 404."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    membership = get_object_or_404(
        Membership.objects.representatives().select_related("user", "body"),
        pk=membership_pk,
        organisation=organisation,
    )
    body = membership.body
    if not can_read_relation(request.user, body=body, organisation=organisation):
        raise Http404
    if not can_edit_relation(request.user, body=body, organisation=organisation):
        raise PermissionDenied
    error = None
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            representative_revoke(membership=membership, user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The representative was revoked."))
            return redirect(organisation)
    return render(
        request,
        "organisations/representative_revoke.html",
        {"organisation": organisation, "membership": membership, "error": error},
    )


@login_required
def organisation_suggest(request):
    """Suggestions for an organisation filter, as JSON, from the register the user may read
    (the parties to the partnerships the user sees: partnerships:organisation_suggest)."""
    among = Organisation.objects.visible_to(request.user)
    return JsonResponse(lookup.suggestions(request.GET.get("q", ""), among), safe=False)

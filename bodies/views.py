"""A public body's own pages: its settings, its staff, and (for the national administrator)
registering a public body."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from common.forms import add_service_errors
from common.pagination import paginate
from organisations.models import Membership, Organisation

from . import onboarding, services
from .forms import (
    BodySearchForm,
    BodySettingsForm,
    PublicBodyForm,
    StaffInviteForm,
    StaffRoleForm,
)
from .models import BodySettings
from .permissions import administered_bodies, can_manage_body, can_register_public_body
from .selectors import body_settings

BODY_SORTS = {"name": ("name", "pk"), "org_number": ("org_number", "pk")}
STAFF_SORTS = {
    "name": ("user__last_name", "user__first_name", "pk"),
    "email": ("user__email", "pk"),
    "role": ("role", "user__last_name", "pk"),
}


def managed_body(request, pk) -> Organisation:
    """The public body `pk` if the user administers it; any other body is a 404."""
    body = get_object_or_404(Organisation.objects.public_bodies(), pk=pk)
    if not can_manage_body(request.user, body):
        raise Http404
    return body


@login_required
def settings_edit(request, pk):
    body = managed_body(request, pk)
    own = BodySettings.objects.filter(body=body).first() or BodySettings(body=body)
    # An empty POST is still a submitted form (every field empty: the installation's values).
    posted = request.method == "POST"
    form = BodySettingsForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instance=own,
        version=services.BODY_SETTINGS_VERSION.version(own),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            fields = dict(form.cleaned_data)
            logo = fields.pop("logo", None) or None
            remove_logo = fields.pop("remove_logo", False)
            try:
                with transaction.atomic():
                    services.body_settings_update(
                        body=body, user=request.user, logo=logo, remove_logo=remove_logo, **fields
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The body's settings were saved."))
                return redirect("bodies:settings", pk=body.pk)
        status = 400
    return render(
        request,
        "bodies/settings_form.html",
        {"body": body, "form": form, "effective": body_settings(body)},
        status=status,
    )


def _base_url(request) -> str:
    return settings.IOP_BASE_URL or request.build_absolute_uri("/")


# --- the list of bodies and registering one ----------------------------------------------


@login_required
def body_list(request):
    """The national administrator: every public body, and registering one. A body's
    administrator: the bodies they administer, with their staff and settings."""
    national = can_register_public_body(request.user)
    bodies = Organisation.objects.public_bodies() if national else administered_bodies(request.user)
    if not national and not bodies.exists():
        raise PermissionDenied
    form = BodySearchForm(request.GET or None)
    if form.is_valid():
        bodies = bodies.search(form.cleaned_data["q"])
    listing = paginate(request, bodies, sorts=BODY_SORTS, default="name")
    administered = set(
        administered_bodies(request.user)
        .filter(pk__in=[b.pk for b in listing])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "bodies/body_list.html",
        {"form": form, "listing": listing, "national": national, "administered": administered},
    )


@login_required
def body_register(request):
    if not can_register_public_body(request.user):
        raise PermissionDenied
    form = PublicBodyForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    body, membership = onboarding.public_body_register(
                        **form.cleaned_data,
                        registered_by=request.user,
                        base_url=_base_url(request),
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(body)s was registered and %(email)s was sent a link to choose a password.")
                    % {"body": body.name, "email": membership.user.email},
                )
                return redirect("bodies:list")
        status = 400
    return render(request, "bodies/body_form.html", {"form": form}, status=status)


# --- the body's staff ---------------------------------------------------------------------


@login_required
def staff_list(request, pk):
    body = managed_body(request, pk)
    form = StaffInviteForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    membership = onboarding.staff_invite(
                        body=body,
                        invited_by=request.user,
                        base_url=_base_url(request),
                        **form.cleaned_data,
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(email)s is now %(role)s of the body and has been told by e-mail.")
                    % {
                        "email": membership.user.email,
                        "role": membership.get_role_display().lower(),
                    },
                )
                return redirect("bodies:staff", pk=body.pk)
        status = 400
    staff = (
        Membership.objects.staff().filter(organisation=body).select_related("user", "invited_by")
    )
    listing = paginate(request, staff, sorts=STAFF_SORTS, default="name")
    return render(
        request,
        "bodies/staff_list.html",
        {"body": body, "form": form, "listing": listing},
        status=status,
    )


def _membership(request, pk, membership_pk) -> tuple[Organisation, Membership]:
    body = managed_body(request, pk)
    membership = get_object_or_404(
        Membership.objects.staff().filter(organisation=body).select_related("user"),
        pk=membership_pk,
    )
    return body, membership


@login_required
def staff_change(request, pk, membership_pk):
    body, membership = _membership(request, pk, membership_pk)
    form = StaffRoleForm(
        request.POST if request.method == "POST" else None,
        initial={"role": membership.role},
        version=onboarding.STAFF_ROLE_VERSION.version(membership),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    onboarding.staff_role_change(
                        membership=membership,
                        role=form.cleaned_data["role"],
                        user=request.user,
                        version=form.version,
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The role was changed."))
                if not can_manage_body(request.user, body):
                    return redirect("home")  # they made themselves an official
                return redirect("bodies:staff", pk=body.pk)
        status = 400
    return render(
        request,
        "bodies/staff_change.html",
        {
            "body": body,
            "membership": membership,
            "form": form,
            "is_self": membership.user_id == request.user.pk,
        },
        status=status,
    )


@login_required
def staff_remove(request, pk, membership_pk):
    """A confirmation page; the POST removes the person from the body's staff."""
    body, membership = _membership(request, pk, membership_pk)
    errors = []
    if request.method == "POST":
        try:
            with transaction.atomic():
                onboarding.staff_remove(membership=membership, user=request.user)
        except ValidationError as exc:
            errors = exc.messages
        else:
            name = (
                membership.user.get_full_name()
                or membership.user.email
                or membership.user.get_username()
            )
            messages.success(request, _("%(name)s no longer works for the body.") % {"name": name})
            if not can_manage_body(request.user, body):
                return redirect("home")
            return redirect("bodies:staff", pk=body.pk)
    return render(
        request,
        "bodies/staff_remove.html",
        {
            "body": body,
            "membership": membership,
            "errors": errors,
            "is_self": membership.user_id == request.user.pk,
        },
        status=400 if errors else 200,
    )


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The appointment e-mail's link: choose a password, then sign in."""

    template_name = "bodies/set_password.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Sign in with it."))
        return super().form_valid(form)


set_password = SetPasswordView.as_view()

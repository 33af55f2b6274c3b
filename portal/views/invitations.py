"""Inviting representatives by e-mail, and the invitation link's set-password page."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from common.forms import add_service_errors
from portal import forms, permissions, services
from portal.models import Invitation


@login_required
def invite(request):
    if not permissions.can_invite(request.user):
        raise PermissionDenied
    form = forms.InvitationForm(
        request.POST or None,
        bodies=permissions.inviting_bodies(request.user),
        organisations=permissions.invitable_organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_send(
                organisation=form.cleaned_data["organisation"],
                body=form.cleaned_data["body"],
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("portal:invite")
    return render(request, "portal/invite.html", {"form": form})


@login_required
def invitation_accept(request, token):
    """The invitation link for an existing account: shown only to the invited account, logged
    in (anyone else gets a 404 and learns nothing about the invitation)."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation", "body"),
        token=token,
        user=request.user,
        accepted_at__isnull=True,
    )
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("You now represent %(organisation)s towards %(body)s.")
                % {"organisation": invitation.organisation, "body": invitation.body},
            )
            return redirect("portal:home")
    return render(request, "portal/invitation_accept.html", {"invitation": invitation})


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The invitation link: choose a password, then log in."""

    template_name = "portal/set_password.html"
    success_url = reverse_lazy("login")
    reset_url_token = "set-password"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been set. Log in to continue."))
        return response


set_password = SetPasswordView.as_view()

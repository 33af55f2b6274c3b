"""A public body's own pages: its settings, its staff, and (for the national administrator)
registering a public body."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.forms import add_service_errors
from organisations.models import Organisation

from . import services
from .forms import BodySettingsForm
from .models import BodySettings
from .permissions import can_manage_body
from .selectors import body_settings


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
        request.POST if posted else None, request.FILES if posted else None, instance=own
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

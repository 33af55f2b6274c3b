"""The portal's start page: a representative's own organisations and records; staff go
to the review overview."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from organisations.roles import roles_for
from portal import selectors


@login_required
def home(request):
    roles = roles_for(request.user)
    if not roles.representative_of:
        if roles.is_staff_member:
            return redirect("portal:overview")
        raise PermissionDenied
    return render(request, "portal/home.html", selectors.representative_home(request.user))

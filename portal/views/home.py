"""The portal's start page: a representative's own organisations and records; staff go
to the review overview."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from common.pagination import paginate
from portal import permissions, selectors

# Each section of the start page pages on its own (an organisation in 80 partnerships has
# hundreds of payments).
SECTIONS = ("deadlines", "accounts", "parties", "budgets", "payments")


@login_required
def home(request):
    if not permissions.has_portal(request.user):
        if permissions.can_review_any(request.user):
            return redirect("portal:overview")
        raise PermissionDenied
    sections = selectors.representative_home(request.user)
    sections["payments"] = sections["payments"].order_by("-due_date", "-pk")
    context = {
        name: paginate(request, sections[name], page_param=f"{name}_page") for name in SECTIONS
    }
    return render(request, "portal/home.html", context)

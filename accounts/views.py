"""Sign-in pages: the lockout answer, and the administrators' pages of their staff's
sign-in (the log, unlocking)."""

import math

from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.db.models import Max, OuterRef, Subquery, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from common.pagination import paginate
from organisations.models import Membership

from . import permissions, services
from .constants import SignInEventKind
from .models import SignInEvent
from .panels import account_panels
from .second_factor import has_second_factor, pending_end


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked account or address (AXES_LOCKOUT_CALLABLE): the login
    page again, saying why and until when, with the username kept."""
    username = get_client_username(request, credentials) or ""
    # A lockout during the code step ends the half-done sign-in too.
    pending_end(request)
    until = services.locked_until(username=username, ip_address=get_client_ip_address(request)) or (
        timezone.now() + services._cool_off()
    )
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    form = AuthenticationForm(request, initial={"username": username})
    form.fields["username"].initial = username
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "next": request.POST.get("next", ""),
            "locked_until": until,
            "locked_minutes": minutes,
        },
        status=429,
    )


def _window_start():
    return timezone.now() - services._cool_off()


@never_cache
@login_required
def staff_list(request):
    if not permissions.can_manage_accounts(request.user):
        raise PermissionDenied
    failures = (
        AccessAttempt.objects.filter(
            username=OuterRef("username"), attempt_time__gte=_window_start()
        )
        .values("username")
        .annotate(total=Sum("failures_since_start"))
        .values("total")
    )
    last_sign_in = (
        SignInEvent.objects.filter(user=OuterRef("pk"), kind=SignInEventKind.SIGNED_IN)
        .values("user")
        .annotate(last=Max("at"))
        .values("last")
    )
    rows = permissions.managed_staff(request.user).annotate(
        recent_failures=Subquery(failures), last_sign_in=Subquery(last_sign_in)
    )
    listing = paginate(
        request,
        rows,
        sorts={"name": ("last_name", "first_name", "pk"), "username": ("username", "pk")},
        default="name",
    )
    return render(
        request,
        "accounts/staff_list.html",
        {"listing": listing, "failure_limit": settings.AXES_FAILURE_LIMIT},
    )


@never_cache
@login_required
def staff_detail(request, pk):
    member = get_object_or_404(permissions.managed_staff(request.user), pk=pk)
    events = paginate(request, SignInEvent.objects.for_user(member))
    memberships = Membership.objects.staff().filter(user=member).select_related("organisation")
    return render(
        request,
        "accounts/staff_detail.html",
        {
            "member": member,
            "events": events,
            "memberships": memberships,
            "locked_until": services.locked_until(username=member.get_username()),
            "has_second_factor": has_second_factor(member),
        },
    )


@require_POST
@login_required
def staff_unlock(request, pk):
    member = get_object_or_404(permissions.managed_staff(request.user), pk=pk)
    services.account_unlock(member=member, user=request.user, request=request)
    messages.success(
        request,
        _("%(name)s can sign in again.") % {"name": member.get_full_name() or member.username},
    )
    return redirect("accounts:staff_detail", pk=member.pk)


@never_cache
@login_required
def my_account(request):
    """The user's own page: their recent sign-ins, changing the password, signing out
    everywhere."""
    events = paginate(request, SignInEvent.objects.for_user(request.user))
    return render(
        request,
        "accounts/my_account.html",
        {
            "events": events,
            "has_second_factor": has_second_factor(request.user),
            "panels": account_panels.render(request=request),
        },
    )


@require_POST
@login_required
def sign_out_everywhere(request):
    services.sign_out_everywhere(request=request)
    messages.success(request, _("You have been signed out on every device and browser."))
    return redirect("login")

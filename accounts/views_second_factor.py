"""The sign-in page and the second-factor pages: the code step of signing in, enrolment
(at sign-in when it is required, or from the user's own page), the recovery codes shown
once, and the administrator's reset."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login

from . import oidc, permissions
from . import second_factor as factor
from .forms import CodeForm, EnrolmentForm
from .services import locked_until
from .views import locked_out

RECOVERY_CODES_KEY = "iop_recovery_codes"
AFTER_CODES_KEY = "iop_after_recovery_codes"


class SignInView(auth_views.LoginView):
    """Django's login page; a user who has (or must have) a second factor is only marked
    as pending here and signed in by the code step."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if oidc.is_enabled():
            context["sso_name"] = settings.IOP_OIDC_PROVIDER_NAME
        return context

    def form_valid(self, form):
        user = form.get_user()
        if not factor.is_asked_for(user):
            return super().form_valid(form)
        factor.pending_begin(self.request, user=user, next_url=self.get_redirect_url())
        return redirect("second_factor")


def _after_sign_in(request, next_url: str) -> str:
    """Where the sign-in began to go: only an address on this site."""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse(settings.LOGIN_REDIRECT_URL)


@never_cache
def second_factor_step(request):
    user = factor.pending_user(request)
    if user is None:
        factor.pending_end(request)
        messages.info(request, _("Sign in again: the sign-in had expired."))
        return redirect("login")
    if locked_until(username=user.get_username(), ip_address=get_client_ip_address(request)):
        factor.pending_end(request)
        return locked_out(request, credentials={"username": user.get_username()})
    if not factor.has_second_factor(user):
        return _enrol(request, user=user, pending=True)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = factor.verify(request, user=user, code=form.cleaned_data["code"])
        if device is not None:
            next_url = request.session.get(factor.PENDING_NEXT, "")
            factor.sign_in_with_device(request, user=user, device=device)
            return redirect(_after_sign_in(request, next_url))
        if getattr(request, "axes_locked_out", False):
            factor.pending_end(request)
            return locked_out(request, credentials={"username": user.get_username()})
        form.add_error(
            "code", _("The code is wrong or has already been used. Try the code the app shows now.")
        )
    return render(request, "accounts/second_factor.html", {"form": form, "pending": user})


def _enrol(request, *, user, pending: bool):
    device = factor.enrolment_device(request, user=user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = factor.enrolment_confirm(
            user=user, device=device, code=form.cleaned_data["code"], request=request
        )
        if codes is not None:
            if pending:
                next_url = request.session.get(factor.PENDING_NEXT, "")
                factor.sign_in_with_device(request, user=user, device=device)
                request.session[AFTER_CODES_KEY] = _after_sign_in(request, next_url)
            else:
                otp_login(request, device)
                request.session[factor.VERIFIED_FLAG] = True
                request.session[AFTER_CODES_KEY] = reverse("accounts:me")
            request.session[RECOVERY_CODES_KEY] = codes
            return redirect("accounts:recovery_codes")
        form.add_error(
            "code",
            _(
                "The code does not match. Check that the phone's clock is right and enter the "
                "code the app shows now."
            ),
        )
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "pending": pending,
            "required": factor.is_required(user),
            "qr_code": factor.qr_code_data_uri(device),
            "secret": factor.secret_text(device),
            "has_second_factor": factor.has_second_factor(user),
        },
    )


@never_cache
@login_required
def my_second_factor(request):
    return _enrol(request, user=request.user, pending=False)


@require_GET
@never_cache
@login_required
def recovery_codes(request):
    """The recovery codes, shown this once (they are taken out of the session)."""
    codes = request.session.pop(RECOVERY_CODES_KEY, None)
    if not codes:
        return redirect("accounts:me")
    after = request.session.pop(AFTER_CODES_KEY, reverse("accounts:me"))
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "after": after})


@require_POST
@login_required
def staff_second_factor_reset(request, pk):
    member = get_object_or_404(permissions.managed_staff(request.user), pk=pk)
    factor.second_factor_reset(member=member, user=request.user, request=request)
    messages.success(
        request,
        _("%(name)s's second factor has been removed: they set up a new one at their next sign-in.")
        % {"name": member.get_full_name() or member.username},
    )
    return redirect("accounts:staff_detail", pk=member.pk)

"""Single sign-on with the municipality's identity provider (OpenID Connect, through
mozilla-django-oidc), beside the local accounts.

The provider says who someone is; the register says what they may do. A provider's user is
mapped to an existing, active user of the register who is a member of an organisation (a
body's staff or an organisation's representative): first by the provider's subject (`sub`)
remembered from an earlier sign-in, else by e-mail address. Nobody is created and no role
is given from the provider's claims: an unknown user gets a page saying to ask their body's
administrator. Off unless OIDC_RP_CLIENT_ID is set (see README).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from organisations.models import Membership

from . import second_factor as factor
from .models import ExternalIdentity


def is_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def provider_key() -> str:
    """Names the provider a `sub` belongs to: its issuer, or its authorisation endpoint's
    origin."""
    if settings.OIDC_OP_ISSUER:
        return settings.OIDC_OP_ISSUER
    parts = urlsplit(settings.OIDC_OP_AUTHORIZATION_ENDPOINT)
    return f"{parts.scheme}://{parts.netloc}"


class MemberBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # Loaded with every sign-in (Django asks each backend); without a provider it stays
        # out of the way instead of refusing to load for want of endpoints.
        self.enabled = is_enabled()
        if self.enabled:
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not self.enabled:
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        users = get_user_model().objects.filter(
            is_active=True, pk__in=Membership.objects.values("user_id")
        )
        sub = str(claims.get("sub") or "")
        linked = ExternalIdentity.objects.filter(provider=provider_key(), subject=sub).first()
        if linked is not None:
            return users.filter(pk=linked.user_id)
        email = (claims.get("email") or "").strip()
        if not email:
            return users.none()
        matches = list(users.filter(email__iexact=email)[:2])
        if len(matches) != 1:
            # Two accounts with one address: neither is chosen.
            return users.none()
        ExternalIdentity.objects.get_or_create(
            provider=provider_key(), subject=sub, defaults={"user": matches[0]}
        )
        return users.filter(pk=matches[0].pk)

    def create_user(self, claims):
        return None

    def update_user(self, user, claims):
        # The register's own record of the person stays as the body keeps it.
        return user


class AuthenticateView(OIDCAuthenticationRequestView):
    pass


class CallbackView(OIDCAuthenticationCallbackView):
    def login_success(self):
        """Signed in by the provider; the register's second factor is still asked for
        unless the installation says the provider asks for one itself."""
        user = self.user
        if factor.is_asked_for(user) and not settings.IOP_OIDC_PROVIDER_CHECKS_SECOND_FACTOR:
            factor.pending_begin(self.request, user=user, next_url=self.success_url)
            return redirect("second_factor")
        response = super().login_success()
        if factor.is_asked_for(user):
            self.request.session[factor.VERIFIED_BY_PROVIDER] = True
        return response


def authenticate(request):
    if not is_enabled():
        raise Http404
    return AuthenticateView.as_view()(request)


def callback(request):
    if not is_enabled():
        raise Http404
    return CallbackView.as_view()(request)


@require_GET
def unknown_user(request):
    """Where the provider's sign-in ends when the register knows nobody by it (403)."""
    return render(request, "accounts/sso_unknown.html", status=403)

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from accounts import oidc
from accounts.views_second_factor import SignInView, second_factor_step
from api.application import api

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", SignInView.as_view(), name="login"),
    path("login/second-factor/", second_factor_step, name="second_factor"),
    path("login/sso-unknown/", oidc.unknown_user, name="sso_unknown"),
    # mozilla-django-oidc's URL names; 404 while single sign-on is off.
    path("oidc/authenticate/", oidc.authenticate, name="oidc_authentication_init"),
    path("oidc/callback/", oidc.callback, name="oidc_authentication_callback"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("organisations/", include("organisations.urls")),
    path("bodies/", include("bodies.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("finance/", include("finance.urls")),
    path("governance/", include("governance.urls")),
    path("documents/", include("reporting.urls")),
    path("portal/", include("portal.urls")),
    path("jobs/", include("jobs.urls")),
    path("api/", api.urls),
    path("api-tokens/", include("api.urls")),
    path("calendar/", include("feeds.urls")),
    path("", include("search.urls")),
    path("", include("pages.urls")),
    # One way in: the admin's own login page would skip the second factor.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
        name="admin_login",
    ),
    path("admin/", admin.site.urls),
]

# The app's own error pages, in Swedish with the site's header (templates/4xx.html, 500.html).
handler400 = "iop.views.bad_request"
handler500 = "iop.views.server_error"

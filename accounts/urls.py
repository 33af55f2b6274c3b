from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views, views_second_factor

app_name = "accounts"

urlpatterns = [
    path("me/", views.my_account, name="me"),
    path("me/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path(
        "me/password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_changed"),
        ),
        name="password_change",
    ),
    path(
        "me/password/changed/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_changed.html"),
        name="password_changed",
    ),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/unlock/", views.staff_unlock, name="staff_unlock"),
    path(
        "staff/<int:pk>/reset-second-factor/",
        views_second_factor.staff_second_factor_reset,
        name="staff_second_factor_reset",
    ),
    path("me/second-factor/", views_second_factor.my_second_factor, name="second_factor"),
    path("me/recovery-codes/", views_second_factor.recovery_codes, name="recovery_codes"),
]

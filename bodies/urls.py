from django.urls import path

from . import views

app_name = "bodies"

urlpatterns = [
    path("", views.body_list, name="list"),
    path("new/", views.body_register, name="register"),
    path("<int:pk>/settings/", views.settings_edit, name="settings"),
    path("<int:pk>/staff/", views.staff_list, name="staff"),
    path("<int:pk>/staff/<int:membership_pk>/", views.staff_change, name="staff_change"),
    path("<int:pk>/staff/<int:membership_pk>/remove/", views.staff_remove, name="staff_remove"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set_password"),
]

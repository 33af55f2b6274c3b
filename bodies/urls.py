from django.urls import path

from . import views

app_name = "bodies"

urlpatterns = [
    path("<int:pk>/settings/", views.settings_edit, name="settings"),
]

from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("help/", views.help_index, name="help"),
    path("help/<slug:role>/", views.help_role, name="help_role"),
    path("contact/", views.contact, name="contact"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("logo/<int:pk>/", views.body_logo, name="body_logo"),
]

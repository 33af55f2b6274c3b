from django.urls import path

from . import views

app_name = "feeds"

urlpatterns = [
    path("<str:secret>.ics", views.feed, name="feed"),
    path("me/renew/", views.renew_mine, name="renew_mine"),
    path("partnerships/<int:pk>/renew/", views.renew_partnership, name="renew_partnership"),
]

from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("partnerships/<int:pk>/", views.partnership_groups, name="partnership_groups"),
    path("partnerships/<int:pk>/groups/new/", views.group_create, name="group_create"),
    path(
        "partnerships/<int:pk>/compilations/new/",
        views.compilation_create,
        name="compilation_create",
    ),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("groups/<int:pk>/settings/", views.group_settings, name="group_settings"),
    path("groups/<int:pk>/members/new/", views.member_create, name="member_create"),
    path(
        "groups/<int:pk>/members/<int:member_pk>/leave/",
        views.member_leave,
        name="member_leave",
    ),
    path("groups/<int:pk>/draw/", views.chair_draw, name="chair_draw"),
    path("draws/<int:pk>/redraw/", views.chair_redraw, name="chair_redraw"),
    path("groups/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("groups/<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("meetings/<int:pk>/minutes/", views.minutes_download, name="minutes"),
]

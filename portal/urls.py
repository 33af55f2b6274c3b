from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "parties/<int:party_pk>/periods/<int:period_pk>/account/",
        views.account_new,
        name="account_new",
    ),
    path("accounts/<int:pk>/", views.account_detail, name="account"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="account_edit"),
    path("accounts/<int:pk>/review/", views.account_review, name="account_review"),
    path("accounts/<int:pk>/settlement/", views.settlement_decide, name="settlement"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("review/", views.overview, name="overview"),
    path("invite/", views.invite, name="invite"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set_password"),
    path("reports/", views.reports, name="reports"),
    path("reports/export.csv", views.reports_csv, name="reports_csv"),
    path("partnerships/<int:partnership_pk>/reports/new/", views.report_new, name="report_new"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
]

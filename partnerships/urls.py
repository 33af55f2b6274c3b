from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new/", views.partnership_create, name="create"),
    path("suggest/", views.partnership_suggest, name="suggest"),
    path(
        "organisations/suggest/",
        views.party_organisation_suggest,
        name="organisation_suggest",
    ),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/edit/", views.partnership_update, name="update"),
    path("<int:pk>/case-officer/", views.case_officer_update, name="case_officer"),
    path("<int:pk>/history/", views.partnership_history_page, name="history"),
    path("<int:pk>/criteria/", views.criteria_update, name="criteria"),
    path("<int:pk>/status/", views.partnership_transition, name="transition"),
    path("<int:pk>/parties/new/", views.party_create, name="party_create"),
    path("<int:pk>/parties/<int:party_pk>/leave/", views.party_leave, name="party_leave"),
    path(
        "<int:pk>/parties/<int:party_pk>/appendix/new/",
        views.appendix_create,
        name="appendix_create",
    ),
    path("<int:pk>/appendices/<int:appendix_pk>/", views.appendix_detail, name="appendix"),
    path(
        "<int:pk>/appendices/<int:appendix_pk>/replace/",
        views.appendix_replace,
        name="appendix_replace",
    ),
    path(
        "<int:pk>/appendices/<int:appendix_pk>/drop/",
        views.appendix_drop,
        name="appendix_drop",
    ),
]

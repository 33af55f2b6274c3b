from django.urls import path

from . import import_views, views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("import/", import_views.import_start, name="import"),
    path("import/<uuid:pk>/", import_views.import_result, name="import_result"),
    path("import/<uuid:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("suggest/", views.organisation_suggest, name="suggest"),
    path("giro-changes/<int:pk>/", views.giro_change, name="giro_change"),
    path(
        "<int:pk>/representatives/<int:membership_pk>/revoke/",
        views.representative_remove,
        name="representative_revoke",
    ),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_update, name="update"),
    path("<int:pk>/bodies/<int:body_pk>/edit/", views.relation_update, name="relation_update"),
]

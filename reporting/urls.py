from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/agreement.html", views.agreement_html, name="agreement_html"),
    path("<int:pk>/appendices/<int:party_pk>.pdf", views.appendix_pdf, name="appendix_pdf"),
    path("<int:pk>/memo/", views.memo_edit, name="memo"),
    path("<int:pk>/memo.pdf", views.memo_pdf, name="memo_pdf"),
    path("<int:pk>/memo/freeze/", views.memo_freeze, name="memo_freeze"),
    path("<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("<int:pk>/versions/paper/", views.paper_agreement, name="paper_agreement"),
    path("<int:pk>/amendments/new/", views.amendment_start, name="amendment_start"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/versions/<int:number>/pdf", views.version_pdf, name="version_pdf"),
    path("<int:pk>/versions/<int:number>/prepare/", views.version_prepare, name="version_prepare"),
    path("<int:pk>/versions/<int:number>/sign/", views.signature_create, name="sign"),
    path("<int:pk>/versions/<int:number>/upload/", views.signed_copy_create, name="upload"),
    path("<int:pk>/signed/<int:copy_pk>/", views.signed_copy_download, name="signed_copy"),
    path(
        "<int:pk>/signed/<int:copy_pk>/verify/",
        views.signed_copy_reverify,
        name="signed_copy_verify",
    ),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/summary.pdf", views.summary_pdf, name="summary_pdf"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/clauses/", views.partnership_clause_list, name="partnership_clauses"),
    path(
        "<int:pk>/clauses/<str:key>/",
        views.partnership_clause_edit,
        name="partnership_clause_edit",
    ),
    # The body's clause library, beside its settings.
    path("bodies/<int:body_pk>/clauses/", views.clause_library, name="clause_library"),
    path("bodies/<int:body_pk>/clauses/<str:key>/", views.clause_edit, name="clause_edit"),
    # Open data: public, read-only, no login.
    path("open-data/", views.open_data_index, name="open_data_index"),
    path("open-data/dcat.rdf", views.open_data_catalog, name="open_data_catalog"),
    path("open-data/<str:org_number>/dcat.rdf", views.open_data_dcat, name="open_data_dcat"),
    path("open-data/<str:org_number>/", views.open_data_page, name="open_data"),
    path("open-data/<str:org_number>.json", views.open_data_json, name="open_data_json"),
    path("open-data/<str:org_number>.csv", views.open_data_csv, name="open_data_csv"),
]

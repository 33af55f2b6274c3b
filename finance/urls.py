from django.urls import path

from . import views

app_name = "finance"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership"),
    path("partnerships/<int:pk>/terms/", views.terms_update, name="terms"),
    path(
        "partnerships/<int:pk>/periods/generate/", views.periods_generate, name="periods_generate"
    ),
    path("partnerships/<int:pk>/periods/new/", views.period_create, name="period_create"),
    path(
        "partnerships/<int:pk>/appendices/<int:appendix_pk>/periods/<int:period_pk>/budget/",
        views.budget_edit,
        name="budget",
    ),
    path(
        "partnerships/<int:pk>/parties/<int:party_pk>/periods/<int:period_pk>/co-financing/",
        views.cofinancing_edit,
        name="co_financing",
    ),
    path("partnerships/<int:pk>/other-income/new/", views.other_income_create, name="other_income"),
    path("partnerships/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("partnerships/<int:pk>/terminate/", views.terminate, name="terminate"),
    path("partnerships/<int:pk>/extend/", views.extend, name="extend"),
    path("payments/", views.payment_list, name="payments"),
    path("payments/bulk/", views.payments_bulk, name="payments_bulk"),
    path("payments/export-all/", views.payments_export_all, name="payments_export_all"),
    path("payments/export.<str:fmt>", views.payments_export, name="payments_export"),
    path("payments/<int:pk>/", views.payment_detail, name="payment"),
    path("payments/<int:pk>/approve/", views.payment_approve, name="payment_approve"),
    path("payments/<int:pk>/pay/", views.payment_pay, name="payment_pay"),
    path("payments/<int:pk>/stop/", views.payment_stop, name="payment_stop"),
    path("payments/<int:pk>/allow/", views.payment_allow, name="payment_allow"),
    path("bodies/<int:body_pk>/sie/", views.sie_batches, name="sie_batches"),
    path(
        "bodies/<int:body_pk>/sie/<int:number>/",
        views.sie_batch_download,
        name="sie_batch_download",
    ),
]

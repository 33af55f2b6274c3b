from django.contrib import admin
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyAdminMixin

from .models import (
    Budget,
    BudgetLine,
    BudgetPeriod,
    CoFinancing,
    FinanceTerms,
    OtherIncome,
    Payment,
    PaymentEvent,
    Termination,
)
from .resources import PaymentResource


class BudgetLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = BudgetLine
    extra = 0


class PaymentEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PaymentEvent
    extra = 0
    readonly_fields = ["from_status", "to_status", "user", "at", "note"]
    can_delete = False


@admin.register(FinanceTerms)
class FinanceTermsAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["partnership", "payment_frequency", "notice_months", "refund_on_termination"]


@admin.register(BudgetPeriod)
class BudgetPeriodAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["partnership", "label", "start", "end"]
    list_select_related = ["partnership"]


@admin.register(Budget)
class BudgetAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["appendix", "period", "total"]
    list_select_related = ["appendix__party__organisation", "period"]
    inlines = [BudgetLineInline]


@admin.register(CoFinancing)
class CoFinancingAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["party", "period", "amount", "valuation"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdminMixin, ExportMixin, SimpleHistoryAdmin):
    """Read-only: payments change through the finance pages' services only."""

    resource_classes = [PaymentResource]
    list_display = ["due_date", "party", "amount", "status"]
    list_filter = ["status"]
    list_select_related = ["party__organisation"]
    # Sorted on an indexed column of the payment itself (Meta.ordering sorts on a join,
    # which at 500 000 payments makes PostgreSQL sort the whole table), and no second
    # COUNT(*) over the whole table for "x of y selected".
    ordering = ["-due_date", "-id"]
    show_full_result_count = False
    inlines = [PaymentEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(OtherIncome)
class OtherIncomeAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["partnership", "period", "payer", "children", "total"]


@admin.register(Termination)
class TerminationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["partnership", "party", "date", "notice_end", "refund_amount"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

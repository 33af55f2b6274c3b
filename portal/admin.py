from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyAdminMixin

from .models import (
    AccountAttachment,
    AccountLine,
    AccountReview,
    ActivityReport,
    AnnualAccount,
    Invitation,
    ReachFigure,
    ReminderSent,
    Settlement,
)


class AccountLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AccountLine
    extra = 0


class AccountReviewInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AccountReview
    extra = 0
    readonly_fields = ["round", "decision", "comment", "reviewer", "reviewed_at"]
    can_delete = False


class AccountAttachmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AccountAttachment
    extra = 0
    readonly_fields = ["kind", "original_name", "content_type", "size", "uploaded_by"]
    exclude = ["file"]


@admin.register(AnnualAccount)
class AnnualAccountAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-mostly: statuses change only through the portal's services."""

    list_display = ["party", "period", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["party__organisation", "period"]
    readonly_fields = ["status", "submitted_at", "submitted_by"]
    inlines = [AccountLineInline, AccountAttachmentInline, AccountReviewInline]


@admin.register(Settlement)
class SettlementAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["account", "kind", "amount", "decision"]
    readonly_fields = ["decision", "decided_by", "decided_at"]


class ReachFigureInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReachFigure
    extra = 0


@admin.register(ActivityReport)
class ActivityReportAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["partnership", "period", "kind", "organisation", "status"]
    list_filter = ["kind", "status"]
    inlines = [ReachFigureInline]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["email", "organisation", "invited_by", "invited_at"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["item", "user", "due_on", "sent_on"]

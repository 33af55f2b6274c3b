from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyAdminMixin

from .models import ChairDraw, Compilation, Decision, Group, GroupMember, GroupReport, Meeting


class GroupMemberInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = GroupMember
    extra = 0
    autocomplete_fields = ()
    raw_id_fields = ("organisation",)


@admin.register(Group)
class GroupAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("partnership", "kind", "meeting_interval_days", "chair_term_months")
    list_filter = ("kind",)
    search_fields = ("partnership__title",)
    raw_id_fields = ("partnership",)
    inlines = [GroupMemberInline]


@admin.register(ChairDraw)
class ChairDrawAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Draws are an audit record: readable here, never changed (a redraw is a new draw,
    made on the group's page)."""

    list_display = ("group", "term_start", "term_end", "result", "drawn_at", "drawn_by")
    list_filter = ("group__kind",)
    search_fields = ("group__partnership__title", "result__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = Decision
    extra = 0
    raw_id_fields = ("organisation", "party", "proposed_by_group", "recorded_by")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("group", "date", "chair")
    list_filter = ("group__kind",)
    date_hierarchy = "date"
    raw_id_fields = ("group", "chair", "recorded_by")
    filter_horizontal = ("attendees",)
    inlines = [DecisionInline]


@admin.register(GroupReport)
class GroupReportAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("group", "kind", "period_start", "period_end", "due_on", "submitted_on")
    list_filter = ("kind",)
    raw_id_fields = ("group", "submitted_by")


@admin.register(Compilation)
class CompilationAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("partnership", "year_start", "year_end", "due_on", "compiled_on")
    raw_id_fields = ("partnership", "compiled_by")

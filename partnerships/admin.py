"""The admin for partnerships: every model with its field history; partnerships also with
import and export (keyed by public body organisation number and registry number)."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyAdminMixin, ThroughServicesAdminMixin, VersionedAdminMixin

from . import services
from .models import Appendix, CriterionAssessment, Partnership, Party, Resource, StatusChange
from .resources import PartnershipResource


class PartyInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Parties join and leave through the partnership's pages (partnerships.services)."""

    model = Party
    extra = 0
    fields = ("organisation", "is_public", "joined_on", "left_on")
    readonly_fields = fields


class CriterionAssessmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Assessed on the criteria page (services.criteria_assess: a "not met" needs a reason)."""

    model = CriterionAssessment
    extra = 0
    fields = ("criterion", "is_met", "justification")
    readonly_fields = fields


@admin.register(Partnership)
class PartnershipAdmin(
    VersionedAdminMixin, ThroughServicesAdminMixin, ImportExportModelAdmin, SimpleHistoryAdmin
):
    version_spec = services.PARTNERSHIP_VERSION
    resource_classes = [PartnershipResource]
    formats = [CSV, XLSX]
    list_display = ("title", "registry_number", "public_body", "status", "start_date", "end_date")
    list_filter = ("status", "public_body")
    search_fields = ("title", "registry_number", "parties__organisation__name")
    list_select_related = ("public_body",)
    readonly_fields = ("status", "decided_on", "decision_paragraph", "created_at", "updated_at")
    inlines = [PartyInline, CriterionAssessmentInline]
    date_hierarchy = "start_date"

    def has_change_permission(self, request, obj=None):
        """Only while it is being prepared (services.ensure_editable): then as an amendment."""
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def save_model(self, request, obj, form, change):
        """Through the services, so a new partnership gets its public party and criteria."""
        values = {name: getattr(obj, name) for name in services.PARTNERSHIP_FIELDS}
        if change:
            services.partnership_update(partnership=obj, **values)
        else:
            created = services.partnership_create(public_body=obj.public_body, **values)
            obj.pk = created.pk
            obj._state.adding = False


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("partnership", "from_status", "to_status", "changed_by", "changed_at")
    list_filter = ("to_status",)
    list_select_related = ("partnership", "changed_by")


@admin.register(CriterionAssessment)
class CriterionAssessmentAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("partnership", "criterion", "is_met")
    list_filter = ("criterion", "is_met")
    list_select_related = ("partnership",)


class ResourceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Resource
    extra = 0


@admin.register(Party)
class PartyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("organisation", "partnership", "is_public", "joined_on", "left_on")
    list_filter = ("is_public",)
    list_select_related = ("organisation", "partnership")
    search_fields = ("organisation__name", "organisation__org_number", "partnership__title")
    autocomplete_fields = ("organisation", "partnership")


@admin.register(Appendix)
class AppendixAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("number", "version", "party", "status", "valid_from", "ended_on")
    list_filter = ("status",)
    list_select_related = ("party__organisation",)
    readonly_fields = ("status", "replaces", "ended_on", "created_at")
    inlines = [ResourceInline]


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("description", "kind", "amount", "appendix")
    list_filter = ("kind",)
    list_select_related = ("appendix",)

from django.contrib import admin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyAdminMixin, ThroughServicesAdminMixin, VersionedAdminMixin

from .forms import OrganisationForm
from .models import AuthorisedSignatory, GiroChange, Membership, Organisation, Relation
from .resources import MembershipResource, OrganisationResource
from .services import (
    ORGANISATION_FIELDS,
    ORGANISATION_VERSION,
    organisation_create,
    organisation_update,
)


class RegisterOrganisationForm(OrganisationForm):
    allow_public_sector = True


# Written only through the services (the organisation page): the admin shows them.
ReadOnlyAdmin = ReadOnlyAdminMixin


class AuthorisedSignatoryInline(ReadOnlyAdmin, admin.TabularInline):
    model = AuthorisedSignatory
    fields = ("name", "title")
    extra = 0


@admin.register(GiroChange)
class GiroChangeAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("relation", "bankgiro", "plusgiro", "status", "proposed_by", "decided_by")
    list_filter = ("status",)
    list_select_related = ("relation__organisation", "relation__body", "proposed_by", "decided_by")


@admin.register(Relation)
class RelationAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ("organisation", "body", "contact_name", "bankgiro", "plusgiro")
    list_select_related = ("organisation", "body")
    search_fields = ("organisation__name", "body__name")
    inlines = [AuthorisedSignatoryInline]


@admin.register(Organisation)
class OrganisationAdmin(
    VersionedAdminMixin, ThroughServicesAdminMixin, ImportExportModelAdmin, SimpleHistoryAdmin
):
    version_spec = ORGANISATION_VERSION
    # OrganisationForm accepts 802003-1954 and 16802003-1954 and gives the Swedish messages.
    form = RegisterOrganisationForm
    resource_classes = [OrganisationResource]
    formats = [CSV, XLSX]
    list_display = ("name", "org_number_display", "sector", "legal_form", "city")
    list_filter = ("sector", "legal_form", "registered_idea_based")
    search_fields = ("name", "org_number", "city")
    fieldsets = (
        (None, {"fields": ("name", "org_number", "sector", "legal_form")}),
        (_("Address"), {"fields": ("street_address", "postal_code", "city")}),
        (_("Registration"), {"fields": ("registered_idea_based", "registered_idea_based_since")}),
    )

    def import_action(self, request, *args, **kwargs):
        """The register's own import: a dry run in the background with counts and the rows in
        error, then bulk writes (django-import-export's row by row outlasts a worker)."""
        return redirect("organisations:import")

    def save_model(self, request, obj, form, change):
        """Through the services, like the organisation pages."""
        fields = {
            name: form.cleaned_data[name]
            for name in ORGANISATION_FIELDS
            if name in form.cleaned_data
        }
        if change:
            organisation_update(organisation=obj, **fields)
        else:
            form.instance = organisation_create(**fields)
            obj.pk = form.instance.pk

    @admin.display(description=Organisation._meta.get_field("org_number").verbose_name)
    def org_number_display(self, organisation):
        return organisation.org_number_display


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin, ImportExportModelAdmin, SimpleHistoryAdmin):
    """Memberships have rules (the last administrator, invitations accepted): the bodies' staff
    pages and the invitations write them; here they are read and exported."""

    resource_classes = [MembershipResource]
    formats = [CSV, XLSX]
    list_display = ("user", "organisation", "role", "body")
    list_filter = ("role",)
    list_select_related = ("user", "organisation", "body")
    search_fields = ("user__username", "user__last_name", "organisation__name")
    autocomplete_fields = ("user", "organisation", "body")
    fields = ("user", "organisation", "role", "body")

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from .forms import OrganisationForm
from .models import AuthorisedSignatory, Membership, Organisation
from .resources import MembershipResource, OrganisationResource


class RegisterOrganisationForm(OrganisationForm):
    allow_public_sector = True


class AuthorisedSignatoryInline(admin.TabularInline):
    model = AuthorisedSignatory
    fields = ("name", "title")
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    # OrganisationForm accepts 802003-1954 and 16802003-1954 and gives the Swedish messages.
    form = RegisterOrganisationForm
    resource_classes = [OrganisationResource]
    formats = [CSV, XLSX]
    inlines = [AuthorisedSignatoryInline]
    list_display = ("name", "org_number_display", "sector", "legal_form", "city")
    list_filter = ("sector", "legal_form", "registered_idea_based")
    search_fields = ("name", "org_number", "city")
    fieldsets = (
        (None, {"fields": ("name", "org_number", "sector", "legal_form")}),
        (_("Address"), {"fields": ("street_address", "postal_code", "city")}),
        (_("Contact person"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
        (_("Payments"), {"fields": ("bankgiro", "plusgiro")}),
        (_("Registration"), {"fields": ("registered_idea_based", "registered_idea_based_since")}),
    )

    @admin.display(description=Organisation._meta.get_field("org_number").verbose_name)
    def org_number_display(self, organisation):
        return organisation.org_number_display


@admin.register(Membership)
class MembershipAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [MembershipResource]
    formats = [CSV, XLSX]
    list_display = ("user", "organisation", "role", "body")
    list_filter = ("role",)
    list_select_related = ("user", "organisation", "body")
    search_fields = ("user__username", "user__last_name", "organisation__name")
    autocomplete_fields = ("user", "organisation", "body")
    fields = ("user", "organisation", "role", "body")

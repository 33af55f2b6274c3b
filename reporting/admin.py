from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from common.admin import ReadOnlyAdminMixin

from .models import AgreementVersion, DecisionMemo, EmbeddedSignature, Signature, SignedCopy


@admin.register(DecisionMemo)
class DecisionMemoAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("title", "partnership", "memo_date", "frozen_at")
    search_fields = ("title", "registry_number", "partnership__title")
    readonly_fields = ("frozen_at",)


class SignatureInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Signature
    extra = 0
    can_delete = False
    readonly_fields = ("party", "signed_by", "capacity", "place", "signed_on", "recorded_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: versions change only through reporting.services.agreements."""

    list_display = ("partnership", "number", "kind", "prepared_at", "frozen_at")
    list_filter = ("kind",)
    inlines = [SignatureInline]
    readonly_fields = (
        "partnership",
        "number",
        "kind",
        "pdf_sha256",
        "prepared_at",
        "frozen_at",
        "created_by",
        "snapshot",
        "changes",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EmbeddedSignatureInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The verdicts of pyHanko, read-only: they change only by checking the copy again."""

    model = EmbeddedSignature
    extra = 0
    can_delete = False
    fields = ("field_name", "signer_name", "issuer_name", "signing_time", "status", "detail")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SignedCopy)
class SignedCopyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("original_name", "version", "verification", "sha256", "uploaded_at")
    list_filter = ("verification",)
    inlines = [EmbeddedSignatureInline]
    readonly_fields = (
        "version",
        "original_name",
        "size",
        "sha256",
        "uploaded_by",
        "file",
        "verification",
        "verified_at",
    )

    def has_add_permission(self, request):
        return False

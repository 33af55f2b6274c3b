"""Approved payments for the finance system (django-import-export), keyed by natural keys:
the partnership's registry number and the recipient's organisation number."""

from django.utils.translation import gettext_lazy as _
from import_export import fields

from common.exports import SafeExportResource

from .models import Payment


class PaymentResource(SafeExportResource):
    registry_number = fields.Field(
        attribute="partnership__registry_number", column_name=_("Registry number")
    )
    partnership = fields.Field(attribute="partnership__title", column_name=_("Partnership"))
    recipient = fields.Field(attribute="party__organisation__name", column_name=_("Recipient"))
    org_number = fields.Field(column_name=_("Organisation number"))
    bankgiro = fields.Field(attribute="bankgiro", column_name=_("Bankgiro"))
    plusgiro = fields.Field(attribute="plusgiro", column_name=_("Plusgiro"))
    amount = fields.Field(attribute="amount", column_name=_("Amount (kr)"))
    due_date = fields.Field(attribute="due_date", column_name=_("Due date"))
    covers_from = fields.Field(attribute="covers_from", column_name=_("Covers from"))
    covers_to = fields.Field(attribute="covers_to", column_name=_("Covers to"))
    approved_by = fields.Field(column_name=_("Approved by"))
    reference = fields.Field(column_name=_("Reference"))

    class Meta:
        model = Payment
        fields = (
            "registry_number",
            "partnership",
            "recipient",
            "org_number",
            "bankgiro",
            "plusgiro",
            "amount",
            "due_date",
            "covers_from",
            "covers_to",
            "approved_by",
            "reference",
        )
        export_order = fields

    def dehydrate_org_number(self, payment):
        return payment.party.organisation.org_number_display

    def dehydrate_approved_by(self, payment):
        user = payment.approved_by
        return (user.get_full_name() or user.get_username()) if user else ""

    def dehydrate_reference(self, payment):
        return f"IOP-{payment.pk}"

    def dehydrate_amount(self, payment):
        return payment.amount

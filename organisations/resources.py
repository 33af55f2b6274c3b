"""Import and export of the register, keyed by organisation number (never the primary key)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from common.exports import SafeExportResource

from .models import Membership, Organisation
from .services import (
    ORGANISATION_FIELDS,
    organisation_create,
    organisation_full_clean,
    organisation_update,
)
from .validators import format_org_number, normalise_org_number

ORG_NUMBER_REQUIRED = _("Every row needs an organisation number; it identifies the organisation.")


class OrganisationResource(SafeExportResource):
    """One row per organisation. The organisation number is written NNNNNN-NNNN; an import
    accepts it with or without hyphen, or in the twelve-digit form 16NNNNNN-NNNN.

    An import is all or nothing: one invalid row and no row is saved.
    """

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        export_order = ORGANISATION_FIELDS
        import_id_fields = ("org_number",)
        exclude = ("id",)
        clean_model_instances = True
        use_transactions = True

    def before_import_row(self, row, **kwargs):
        """Bring the number to its stored form before it is used to find the organisation."""
        value = str(row.get("org_number") or "").strip()
        if not value:
            raise ValidationError({"org_number": ORG_NUMBER_REQUIRED})
        try:
            row["org_number"] = normalise_org_number(value)
        except ValidationError:
            # Left as typed: the model validation reports it as an error on this row.
            row["org_number"] = value

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The register's own validation (numbers normalised, messages once, in Swedish)."""
        errors = dict(import_validation_errors or {})
        try:
            organisation_full_clean(
                instance, exclude=errors.keys(), validate_unique=validate_unique
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def import_data(self, dataset, *args, rollback_on_validation_errors=True, **kwargs):
        return super().import_data(
            dataset, *args, rollback_on_validation_errors=rollback_on_validation_errors, **kwargs
        )

    def do_instance_save(self, instance, is_create):
        """Through the services, like the organisation pages."""
        values = {name: getattr(instance, name) for name in ORGANISATION_FIELDS}
        if is_create:
            created = organisation_create(**values)
            instance.pk = created.pk
            instance._state.adding = False
        else:
            organisation_update(organisation=instance, **values)

    def dehydrate_org_number(self, organisation):
        return format_org_number(organisation.org_number)


class MembershipResource(SafeExportResource):
    """Who may do what: keyed by user name and organisation number, and for a representative
    the organisation number of the body they speak to."""

    user = fields.Field(
        attribute="user",
        column_name="user",
        widget=widgets.ForeignKeyWidget(get_user_model(), field="username"),
    )
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=widgets.ForeignKeyWidget(Organisation, field="org_number"),
    )
    body = fields.Field(
        attribute="body",
        column_name="body",
        widget=widgets.ForeignKeyWidget(Organisation, field="org_number"),
    )

    class Meta:
        model = Membership
        fields = ("user", "organisation", "role", "body")
        import_id_fields = ("user", "organisation", "body")
        exclude = ("id",)
        clean_model_instances = True
        use_transactions = True

    def import_data(self, dataset, *args, rollback_on_validation_errors=True, **kwargs):
        return super().import_data(
            dataset, *args, rollback_on_validation_errors=rollback_on_validation_errors, **kwargs
        )

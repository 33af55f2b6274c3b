"""Import and export of partnerships, keyed by the public body's organisation number and
the registry number (never the primary key). Writes go through the services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from common.exports import SafeExportResource
from organisations.constants import Sector
from organisations.models import Organisation
from organisations.validators import format_org_number, normalise_org_number

from . import services
from .models import Partnership

PARTY_SEPARATOR = ";"


class OrgNumberWidget(widgets.ForeignKeyWidget):
    """An organisation by its number, written NNNNNN-NNNN; accepts any usual spelling."""

    def __init__(self, **kwargs):
        super().__init__(Organisation, field="org_number", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        number = normalise_org_number(str(value).strip())
        try:
            return self.get_queryset(value, row, **kwargs).get(org_number=number)
        except Organisation.DoesNotExist:
            raise ValueError(
                _("No organisation with number %(number)s is registered.")
                % {"number": format_org_number(number)}
            ) from None

    def get_queryset(self, value, row, *args, **kwargs):
        return Organisation.objects.filter(sector=Sector.PUBLIC)

    def render(self, value, obj=None, **kwargs):
        return format_org_number(value.org_number) if value else ""


def parse_party_numbers(value) -> list[str]:
    """ "802003-1954; 8020121581" → ["8020031954", "8020121581"] (raises ValidationError)."""
    numbers = []
    for part in str(value or "").split(PARTY_SEPARATOR):
        part = part.strip()
        if part:
            numbers.append(normalise_org_number(part))
    return numbers


class PartnershipResource(SafeExportResource):
    public_body = fields.Field(
        attribute="public_body", column_name="public_body", widget=OrgNumberWidget()
    )
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    parties = fields.Field(column_name="parties", readonly=True)

    class Meta:
        model = Partnership
        import_id_fields = ("public_body", "registry_number")
        fields = (
            "public_body",
            "registry_number",
            "title",
            "purpose",
            "goal",
            "target_group",
            "start_date",
            "end_date",
            "latest_end_date",
            "status",
            "parties",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = False
        use_transactions = True

    def get_queryset(self):
        return Partnership.objects.select_related("public_body").prefetch_related(
            "parties__organisation"
        )

    def dehydrate_parties(self, partnership):
        numbers = [
            format_org_number(party.organisation.org_number)
            for party in partnership.parties.all()
            if not party.is_public and party.organisation.org_number
        ]
        return PARTY_SEPARATOR.join(sorted(numbers))

    def before_import_row(self, row, **kwargs):
        """Check the party numbers before anything is saved: an unknown one is a row error."""
        errors = {}
        if not row.get("public_body"):
            errors["public_body"] = _("Enter the public body's organisation number.")
        try:
            numbers = parse_party_numbers(row.get("parties"))
        except ValidationError as exc:
            errors["parties"] = exc.messages
        else:
            known = set(
                Organisation.objects.filter(org_number__in=numbers).values_list(
                    "org_number", flat=True
                )
            )
            unknown = [format_org_number(n) for n in numbers if n not in known]
            if unknown:
                errors["parties"] = _("Unknown organisation numbers: %(numbers)s") % {
                    "numbers": ", ".join(unknown)
                }
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        values = {name: getattr(instance, name) for name in services.PARTNERSHIP_FIELDS}
        if is_create:
            created = services.partnership_create(public_body=instance.public_body, **values)
            instance.pk = created.pk
            instance._state.adding = False
        else:
            services.partnership_update(partnership=instance, **values)

    def after_save_instance(self, instance, row, **kwargs):
        """Create the missing idea-based parties, joining from the start date."""
        numbers = parse_party_numbers(row.get("parties"))
        present = set(instance.parties.values_list("organisation__org_number", flat=True))
        for organisation in Organisation.objects.filter(org_number__in=numbers).order_by("name"):
            if organisation.org_number in present:
                continue
            services.party_add(
                partnership=instance, organisation=organisation, joined_on=instance.start_date
            )

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, VersionedForm
from common.uploads import XLSX, detect_type, validate_size

from .constants import Sector
from .models import AuthorisedSignatory, Organisation, Relation
from .services import CONTACT_FIELDS, DUPLICATE_ORG_NUMBER, ORGANISATION_FIELDS, RELATION_FIELDS
from .validators import (
    format_bankgiro,
    format_plusgiro,
    normalise_giro,
    normalise_org_number,
)


class OrganisationForm(VersionedForm, forms.ModelForm):
    """The organisation's identity, shared by every body. The number is accepted with or
    without hyphen, also in its twelve-digit form (16NNNNNN-NNNN)."""

    org_number = forms.CharField(
        label=capfirst(_("organisation number")),
        required=False,
        max_length=20,
        help_text=_("Ten digits, shown as NNNNNN-NNNN."),
        error_messages={"unique": DUPLICATE_ORG_NUMBER},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {"registered_idea_based_since": DateInput()}

    # Public bodies are registered by the national administrator (the admin site's form
    # allows it); a body's administrator registers idea-based organisations.
    allow_public_sector = False

    def __init__(self, *args, allow_public_sector=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allow_public_sector is not None:
            self.allow_public_sector = allow_public_sector
        instance = self.instance
        sector = self.fields["sector"]
        if instance.pk:
            # An organisation does not change sector: that would make a body of it.
            sector.disabled = True
        elif not self.allow_public_sector:
            sector.choices = [choice for choice in sector.choices if choice[0] != Sector.PUBLIC]
        if instance.pk and not self.is_bound:
            self.initial["org_number"] = instance.org_number_display

    def clean_org_number(self):
        value = self.cleaned_data["org_number"].strip()
        return normalise_org_number(value) if value else None


class SignatoryForm(forms.ModelForm):
    class Meta:
        model = AuthorisedSignatory
        fields = ("name", "title")


CONTACT_WIDGETS = {
    "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
    "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
}


class RelationForm(VersionedForm, forms.ModelForm):
    """What one body records about the organisation: contact, giro and notes."""

    bankgiro = forms.CharField(
        label=capfirst(_("bankgiro")),
        required=False,
        max_length=12,
        help_text=_("For example 5050-1055."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    plusgiro = forms.CharField(
        label=capfirst(_("plusgiro")),
        required=False,
        max_length=12,
        help_text=_("For example 90 20 01-7 or 902001-7."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Relation
        fields = RELATION_FIELDS
        widgets = {**CONTACT_WIDGETS, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["bankgiro"] = format_bankgiro(self.instance.bankgiro)
            self.initial["plusgiro"] = format_plusgiro(self.instance.plusgiro)

    def clean_bankgiro(self):
        value = self.cleaned_data["bankgiro"].strip()
        return normalise_giro(value, kind="bankgiro") if value else ""

    def clean_plusgiro(self):
        value = self.cleaned_data["plusgiro"].strip()
        return normalise_giro(value, kind="plusgiro") if value else ""


class RelationContactForm(VersionedForm, forms.ModelForm):
    """The contact details alone: what the body's invited representatives may change."""

    class Meta:
        model = Relation
        fields = CONTACT_FIELDS
        widgets = CONTACT_WIDGETS


SignatoryFormSet = forms.inlineformset_factory(
    Relation,
    AuthorisedSignatory,
    form=SignatoryForm,
    fields=("name", "title"),
    extra=2,
    can_delete=True,
)


def signatories_from(formset) -> list[dict]:
    """The signatories a valid formset describes, for services.signatories_set()."""
    signatories = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not data.get("name"):
            continue
        signatories.append(
            {"id": form.instance.pk, "name": data["name"], "title": data.get("title", "")}
        )
    return signatories


class OrganisationSearchForm(forms.Form):
    """The list page's search box and sector filter (GET)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Name or organisation number."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sector = forms.ChoiceField(
        label=capfirst(_("sector")),
        required=False,
        choices=[("", _("All sectors")), *Organisation._meta.get_field("sector").choices],
    )


class ImportForm(forms.Form):
    """A spreadsheet with the columns of the register's export (CSV in UTF-8, or Excel)."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (UTF-8) or Excel (.xlsx) with the columns of the register's export: name, "
            "org_number, sector, legal_form, street_address, postal_code, city, "
            "registered_idea_based, registered_idea_based_since."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_size(upload)
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        kind = detect_type(upload)
        if extension == "xlsx" and kind == XLSX:
            self.cleaned_data["format"] = "xlsx"
        elif extension == "csv" and kind is None and _is_utf8_text(upload):
            self.cleaned_data["format"] = "csv"
        else:
            raise forms.ValidationError(_("Choose a CSV file in UTF-8 or an Excel (.xlsx) file."))
        return upload


def _is_utf8_text(upload) -> bool:
    upload.seek(0)
    try:
        upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True

"""Forms for the partnership pages. They check input; the services apply the rules."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, VersionedForm
from common.money import KronorField
from organisations.models import Organisation

from .constants import FINAL_STATUSES, SIGNED_BY_AGREEMENT, Criterion, ResourceKind, Status
from .models import Partnership
from .services import PARTNERSHIP_FIELDS


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date in the form YYYY-MM-DD.")},
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.org_number:
            return f"{obj.name} ({obj.org_number_display})"
        return obj.name


class PartnershipForm(VersionedForm, forms.ModelForm):
    """The agreement's content; on create also the public body it belongs to."""

    class Meta:
        model = Partnership
        fields = PARTNERSHIP_FIELDS
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "goal": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 3}),
            "shared_values": forms.Textarea(attrs={"rows": 4}),
            "background": forms.Textarea(attrs={"rows": 6}),
            "activities": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, public_bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_date", "end_date", "latest_end_date"):
            model_field = Partnership._meta.get_field(name)
            self.fields[name] = date_field(
                capfirst(model_field.verbose_name),
                required=not model_field.blank,
                help_text=model_field.help_text,
            )
        if public_bodies is not None:
            self.fields["public_body"] = forms.ModelChoiceField(
                label=_("Public body"),
                queryset=public_bodies,
                empty_label=_("Choose a public body"),
                error_messages={"required": _("Choose the public body the partnership is for.")},
            )
            self.order_fields(["public_body", *PARTNERSHIP_FIELDS])
            if len(public_bodies) == 1:
                self.fields["public_body"].initial = public_bodies[0].pk

    def _get_validation_exclusions(self):
        # The service checks the registry number per body with a friendly message.
        exclude = super()._get_validation_exclusions()
        exclude.add("public_body")
        return exclude

    def partnership_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in PARTNERSHIP_FIELDS}


MET_CHOICES = (("yes", _("Yes")), ("no", _("No")), ("", _("Not assessed")))
MET_TO_VALUE = {"yes": True, "no": False, "": None}
VALUE_TO_MET = {True: "yes", False: "no", None: ""}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class CaseOfficerForm(VersionedForm, forms.Form):
    case_officer = PersonChoiceField(
        label=_("Case officer"),
        queryset=None,
        required=False,
        empty_label=_("No one"),
        help_text=_("The dashboard's “Mine” shows this person the partnership's deadlines."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_officer"].queryset = choices


class CriterionForm(forms.Form):
    criterion = forms.CharField(widget=forms.HiddenInput)
    met = forms.ChoiceField(
        label=_("Met"), choices=MET_CHOICES, required=False, widget=forms.RadioSelect
    )
    justification = forms.CharField(
        label=_("Justification"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("met") == "no" and not (cleaned.get("justification") or "").strip():
            self.add_error("justification", _("Explain why the criterion is not met."))
        return cleaned

    @property
    def criterion_label(self):
        value = self["criterion"].value()
        return Criterion(value).label if value in Criterion.values else value


class BaseCriterionFormSet(forms.BaseFormSet):
    def assessments(self):
        return [
            (
                form.cleaned_data["criterion"],
                MET_TO_VALUE[form.cleaned_data.get("met") or ""],
                (form.cleaned_data.get("justification") or "").strip(),
            )
            for form in self.forms
        ]


CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriterionFormSet, extra=0, min_num=0, max_num=6
)


class PartyForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation that joins.")},
    )
    joined_on = date_field(_("Joined on"))


class PartyLeaveForm(forms.Form):
    left_on = date_field(_("Left on"))


class AppendixForm(VersionedForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    commitments = forms.CharField(
        label=_("Commitments"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Describe the party's commitments.")},
    )
    valid_from = date_field(_("Valid from"))


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *ResourceKind.choices], required=True
    )
    description = forms.CharField(label=_("Description"), max_length=500)
    amount = KronorField(label=_("Amount (kr)"), required=False)

    def clean(self):
        cleaned = super().clean()
        money = cleaned.get("kind") == ResourceKind.MONEY
        if money and cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Money needs an amount."))
        return cleaned


class BaseResourceFormSet(forms.BaseFormSet):
    def resources(self):
        rows = []
        for form in self.forms:
            if not form.has_changed() and form.empty_permitted:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = form.cleaned_data
            rows.append((data["kind"], data["description"].strip(), data.get("amount")))
        return rows


ResourceFormSet = forms.formset_factory(
    ResourceForm, formset=BaseResourceFormSet, extra=3, can_delete=True
)


class AppendixDropForm(forms.Form):
    ended_on = date_field(_("Ended on"))


class TransitionForm(forms.Form):
    """The lifecycle step. It starts with no choice; only the steps that can be taken by hand
    are offered ("signed" comes from the agreement's signatures); the service decides."""

    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    decided_on = date_field(
        _("Decided by the board on"),
        required=False,
        help_text=_("Required when the board has decided."),
    )
    decision_paragraph = forms.CharField(
        label=_("Paragraph of the board's minutes"),
        max_length=40,
        required=False,
        help_text=_("Required when the board has decided, e.g. § 12."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The reason is required when the partnership ends or is terminated."),
    )

    def __init__(self, *args, partnership, missing=(), **kwargs):
        super().__init__(*args, **kwargs)
        allowed = [
            status
            for status in partnership.allowed_transitions
            if status not in SIGNED_BY_AGREEMENT
        ]
        # Proposing to the board with steps still open: say what is missing, and ask.
        self.missing = list(missing) if Status.PROPOSED in allowed else []
        if self.missing:
            self.fields["propose_incomplete"] = forms.BooleanField(
                label=_("Propose it although something is missing"), required=False
            )
        # No step is preselected: an empty first option, and choosing one is required.
        self.fields["to_status"].widget.choices = [("", _("Choose the new status"))] + [
            (value, Status(value).label) for value in allowed
        ]
        self.has_choices = bool(allowed)
        # Signed is reached by the agreement: say where, instead of offering it.
        self.signed_by_agreement = any(
            status in SIGNED_BY_AGREEMENT for status in partnership.allowed_transitions
        )
        self.offers_decision = Status.DECIDED in allowed
        if not self.offers_decision:
            del self.fields["decided_on"]
            del self.fields["decision_paragraph"]

    @property
    def is_final(self) -> bool:
        return self.is_bound and self.data.get("to_status") in FINAL_STATUSES

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_status") == Status.DECIDED and self.offers_decision:
            if not cleaned.get("decided_on") and "decided_on" not in self.errors:
                self.add_error("decided_on", _("Enter the date of the board's decision."))
            if not (cleaned.get("decision_paragraph") or "").strip():
                self.add_error(
                    "decision_paragraph", _("Enter the paragraph of the board's minutes.")
                )
        if (
            cleaned.get("to_status") == Status.PROPOSED
            and self.missing
            and not cleaned.get("propose_incomplete")
        ):
            self.add_error(
                "propose_incomplete",
                _(
                    "Something the board needs is missing: complete it, or confirm that you "
                    "propose the partnership anyway."
                ),
            )
        return cleaned


class HistoryFilterForm(forms.Form):
    """The "Historik" page's filters: a kind of record, a person, a date range."""

    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    person = forms.TypedChoiceField(label=_("Changed by"), required=False, coerce=int)
    since = date_field(_("From"), required=False)
    until = date_field(_("To"), required=False)

    def __init__(self, *args, kinds, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]
        self.fields["person"].choices = [
            ("", _("Everyone")),
            *((user.pk, user.get_full_name() or user.get_username()) for user in people),
        ]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date cannot be before the start date."))
        return cleaned

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import VersionedForm

from .models import DecisionMemo
from .services.memos import MEMO_FIELDS


class MemoForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = DecisionMemo
        fields = MEMO_FIELDS
        widgets = {
            "memo_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "case_officer_phone": forms.TextInput(attrs={"type": "tel"}),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "background": forms.Textarea(attrs={"rows": 10}),
            "preparation": forms.Textarea(attrs={"rows": 3}),
            "matter": forms.Textarea(attrs={"rows": 14}),
            "gender_analysis": forms.Textarea(attrs={"rows": 5}),
            "administration_view": forms.Textarea(attrs={"rows": 6}),
            "proposed_decision": forms.Textarea(attrs={"rows": 5}),
            "appendices": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "gender_analysis": _("Printed under “Ärendet” as Jämställdhetsanalys."),
        }


class SignatureForm(forms.Form):
    party = forms.TypedChoiceField(label=_("Party"), coerce=int)
    signed_by = forms.CharField(label=_("Signed by"), max_length=200)
    capacity = forms.CharField(
        label=_("Capacity or title"),
        max_length=200,
        help_text=_("For example Förvaltningschef or Ordförande."),
    )
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "—")] + [(p["party_id"], p["name"]) for p in parties]


class SignedCopyForm(forms.Form):
    file = forms.FileField(
        label=_("Signed copy (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class PaperAgreementForm(forms.Form):
    """An agreement signed on paper before it was registered: the scan, and per party who
    signed, in what capacity and when (fields `signed_by_<party id>` and so on)."""

    scan = forms.FileField(
        label=_("The signed agreement, scanned (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        required=False,
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = []
        date_widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        for party in parties:
            names = (f"signed_by_{party.pk}", f"capacity_{party.pk}", f"signed_on_{party.pk}")
            # The service says what is missing, next to the field; the form only parses.
            self.fields[names[0]] = forms.CharField(
                label=_("Signed by"), max_length=200, required=False
            )
            self.fields[names[1]] = forms.CharField(
                label=_("Capacity or title"), max_length=200, required=False
            )
            self.fields[names[2]] = forms.DateField(
                label=_("Signed on"), widget=date_widget, required=False
            )
            self.parties.append((party, [self[name] for name in names]))

    def signatures(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            party.pk: {
                "signed_by": data.get(f"signed_by_{party.pk}", ""),
                "capacity": data.get(f"capacity_{party.pk}", ""),
                "signed_on": data.get(f"signed_on_{party.pk}"),
            }
            for party, _fields in self.parties
        }


class ClauseTextForm(VersionedForm, forms.Form):
    """A clause's text: plain text, blank lines between paragraphs, placeholders in braces."""

    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Plain text: blank lines separate paragraphs. Only the placeholders listed below "
            "are filled in; anything else, HTML included, is printed exactly as written."
        ),
    )

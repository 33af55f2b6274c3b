from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DecisionMemo
from .services.memos import MEMO_FIELDS


class MemoForm(forms.ModelForm):
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
            "gender_analysis": _("Optional: shown under “Ärendet” as Jämställdhetsanalys."),
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

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, VersionedForm
from common.money import KronorField

from .constants import PeriodBasis
from .models import FinanceTerms


def money(label, *, required=True, **kwargs):
    return KronorField(
        label=label,
        required=required,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "num"}),
        **kwargs,
    )


class TermsForm(VersionedForm, forms.ModelForm):
    other_municipality_fee = money(
        FinanceTerms._meta.get_field("other_municipality_fee").verbose_name.capitalize(),
        required=False,
        help_text=FinanceTerms._meta.get_field("other_municipality_fee").help_text,
    )

    class Meta:
        model = FinanceTerms
        fields = [
            "payment_frequency",
            "days_in_advance",
            "notice_months",
            "refund_on_termination",
            "dispute_ends_partnership",
            "other_municipality_fee",
            "rounding",
        ]


class PeriodsGenerateForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("Budget periods"), choices=PeriodBasis.choices, initial=PeriodBasis.CONTRACT_YEAR
    )


class BudgetPeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
    label = forms.CharField(
        label=_("Label"), max_length=60, required=False, help_text=_("Leave empty for the dates.")
    )


class BudgetForm(VersionedForm, forms.Form):
    total = money(
        _("Total (kr)"),
        required=False,
        help_text=_(
            "Optional with budget lines: if entered, it must equal their sum. Without lines, "
            "the total is the budget."
        ),
    )


class BudgetLineForm(forms.Form):
    category = forms.CharField(label=_("Category"), max_length=100, required=False)
    amount = money(_("Amount (kr)"), required=False)

    def clean(self):
        data = super().clean()
        category, amount = data.get("category", "").strip(), data.get("amount")
        if category and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter the amount of the budget line."))
        if amount is not None and not category:
            self.add_error("category", _("Name the budget line."))
        return data


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=0, min_num=6, max_num=30)


class CoFinancingForm(VersionedForm, forms.Form):
    amount = money(_("Money (kr)"), required=False)
    in_kind = forms.CharField(
        label=_("In kind"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example premises, management, volunteers."),
    )
    valuation = money(_("Valuation of the contribution in kind (kr)"), required=False)


class OtherIncomeForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Period"), queryset=None)
    payer = forms.CharField(label=_("Paying municipality"), max_length=200)
    children = forms.IntegerField(label=_("Number of children"), min_value=1)
    amount_per_child = money(_("Amount per child (kr)"), initial=5000)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = partnership.budget_periods.all()


class PayForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())


class StopForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for stopping"), widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    """A decision: when, which paragraph, and who decided."""

    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    decision_paragraph = forms.CharField(
        label=_("Paragraph of the minutes"), max_length=40, help_text=_("For example § 12.")
    )
    decided_by = forms.CharField(
        label=_("Decided by"), max_length=200, help_text=_("For example Socialnämnden.")
    )


class ExtensionForm(DecisionForm):
    """The decision to extend by a year."""


class AllowanceForm(DecisionForm):
    """The decision that allows a payment the agreement's state refuses."""


class TerminationForm(forms.Form):
    party = forms.ModelChoiceField(
        label=_("What is terminated"),
        queryset=None,
        required=False,
        empty_label=_("The whole partnership"),
    )
    date = forms.DateField(label=_("Termination date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = partnership.parties.filter(
            is_public=False, left_on__isnull=True
        ).select_related("organisation")

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import VersionedForm
from common.money import KronorField
from common.uploads import validate_upload
from organisations.models import Organisation
from organisations.roles import body_partners_with

from .constants import AgeBand, AttachmentKind, Gender, ReportKind

COUNTRY_ROWS = 8


def money(label, *, required=False, **kwargs):
    return KronorField(
        label=label,
        required=required,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "num"}),
        **kwargs,
    )


def count(label, **kwargs):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        error_messages={
            "invalid": _("Enter a whole number."),
            "min_value": _("A count cannot be negative."),
        },
        widget=forms.NumberInput(attrs={"class": "num", "min": "0"}),
        **kwargs,
    )


class UploadField(forms.FileField):
    """A document checked by content (type and size); the message says why it was refused."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            validate_upload(upload)
        return upload


class AccountForm(VersionedForm, forms.Form):
    """The organisation's annual account; one actual cost and explanation field per line."""

    other_income = money(
        _("Other income (kr)"),
        help_text=_("For example fees from other municipalities, reinvested in the activity."),
    )
    other_income_note = forms.CharField(
        label=_("About the other income"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    own_money = money(_("Own co-financing in money (kr)"))
    own_in_kind = forms.CharField(
        label=_("Own co-financing in kind"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Premises, volunteers, management and so on."),
    )
    own_in_kind_value = money(_("Valuation of the contribution in kind (kr)"))
    unspent = money(
        _("Another amount of unspent money (kr)"),
        help_text=_(
            "Unspent money is computed as budget minus actual. Leave this empty to use the "
            "computed amount; another amount needs the reason below."
        ),
    )
    unspent_reason = forms.CharField(
        label=_("Why the unspent money is not budget minus actual"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    narrative = forms.CharField(
        label=_("How the resources were used"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    financial_statement = UploadField(
        label=_("Signed financial statement"),
        required=False,
        help_text=_("PDF, XLSX, DOCX, ODS, ODT, PNG or JPEG."),
    )
    auditor_report = UploadField(
        label=_("Auditor's report"),
        required=False,
        help_text=_("PDF, XLSX, DOCX, ODS, ODT, PNG or JPEG."),
    )

    def __init__(self, *args, account, **kwargs):
        initial = {
            name: getattr(account, name)
            for name in (
                "other_income",
                "other_income_note",
                "own_money",
                "own_in_kind",
                "own_in_kind_value",
                "unspent_reason",
                "narrative",
            )
        }
        # The computed figure is shown beside the field; the field holds only an override.
        initial["unspent"] = account.unspent if account.unspent_is_overridden else None
        self.computed_unspent = account.unspent_from_lines()
        self.lines = list(account.lines.all())
        for line in self.lines:
            initial[line.field_name("actual")] = line.actual
            initial[line.field_name("explanation")] = line.explanation
        super().__init__(*args, initial=initial, **kwargs)
        for line in self.lines:
            self.fields[line.field_name("actual")] = money(
                _("Actual cost, %(category)s (kr)") % {"category": line.category}
            )
            self.fields[line.field_name("explanation")] = forms.CharField(
                label=_("Explanation of the deviation, %(category)s") % {"category": line.category},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def line_rows(self):
        return [
            {
                "line": line,
                "actual": self[line.field_name("actual")],
                "explanation": self[line.field_name("explanation")],
            }
            for line in self.lines
        ]

    def line_values(self):
        data = self.cleaned_data
        return {
            line.pk: (
                data.get(line.field_name("actual")),
                data.get(line.field_name("explanation"), ""),
            )
            for line in self.lines
        }

    def account_values(self):
        names = (
            "other_income",
            "other_income_note",
            "own_money",
            "own_in_kind",
            "own_in_kind_value",
            "unspent",
            "unspent_reason",
            "narrative",
        )
        return {name: self.cleaned_data.get(name) for name in names}

    def uploads(self):
        return [
            (AttachmentKind.FINANCIAL_STATEMENT, self.cleaned_data.get("financial_statement")),
            (AttachmentKind.AUDITOR_REPORT, self.cleaned_data.get("auditor_report")),
        ]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return for correction"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the account is returned: say what to correct."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what the organisation should correct."))
        return data


class SettlementForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision on the proposal"),
        choices=[("yes", _("Accept")), ("no", _("Do not accept"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InvitationForm(forms.Form):
    """Who is invited, for which organisation, by which of the user's bodies. The choices are
    the organisations the user's bodies partner with, and nothing else; one that does not
    partner with the chosen body is refused next to the field."""

    body = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        error_messages={
            "invalid_choice": _("Choose one of the organisations your body partners with.")
        },
    )
    email = forms.EmailField(
        label=_("E-mail"), error_messages={"invalid": _("Enter a valid e-mail address.")}
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)

    def __init__(self, *args, bodies, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = list(bodies)
        self.fields["body"].queryset = bodies
        self.fields["organisation"].queryset = organisations
        if len(self.bodies) == 1:
            # One body: nothing to choose, and nothing to show.
            self.fields["body"].widget = forms.HiddenInput()
            self.fields["body"].initial = self.bodies[0].pk
        else:
            self.fields["body"].required = True

    def clean_body(self):
        body = self.cleaned_data.get("body")
        if body is None and len(self.bodies) == 1:
            return self.bodies[0]
        return body

    def clean(self):
        data = super().clean()
        body, organisation = data.get("body"), data.get("organisation")
        if body and organisation and not body_partners_with(body, organisation):
            self.add_error(
                "organisation",
                _("%(body)s has no partnership with this organisation yet.") % {"body": body},
            )
        return data


class ReportForm(VersionedForm, forms.Form):
    """An activity report: counts by age, gender and country of origin; no field is about a
    person."""

    period = forms.ModelChoiceField(label=_("Contract year"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices)
    organisation = forms.ModelChoiceField(label=_("Reported by"), queryset=None)
    group_report = forms.ModelChoiceField(
        label=_("The cooperation group's written report"),
        queryset=None,
        required=False,
        help_text=_("Optional: link the report the cooperation group wrote for the period."),
    )
    feedback_count = count(_("Feedback received (number)"))
    feedback_summary = forms.CharField(
        label=_("Summary of the feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In general terms: no names or details that identify anyone."),
    )
    complaints_count = count(_("Complaints received (number)"))
    complaints_summary = forms.CharField(
        label=_("Summary of the complaints"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In general terms: no names or details that identify anyone."),
    )
    narrative = forms.CharField(
        label=_("The activity during the period"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, periods, organisations, group_reports, fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        self.fields["organisation"].queryset = organisations
        self.fields["group_report"].queryset = group_reports
        if fixed:
            for name in ("period", "kind", "organisation"):
                del self.fields[name]
        for code, label in AgeBand.choices:
            self.fields[f"age_{code}"] = count(label)
        for code, label in Gender.choices:
            self.fields[f"gender_{code}"] = count(label)
        for i in range(COUNTRY_ROWS):
            self.fields[f"country_{i}"] = forms.CharField(
                label=_("Country, row %(n)s") % {"n": i + 1}, max_length=60, required=False
            )
            self.fields[f"country_count_{i}"] = count(_("Number, row %(n)s") % {"n": i + 1})

    def age_fields(self):
        return [self[f"age_{code}"] for code in AgeBand.values]

    def gender_fields(self):
        return [self[f"gender_{code}"] for code in Gender.values]

    def country_rows(self):
        return [(self[f"country_{i}"], self[f"country_count_{i}"]) for i in range(COUNTRY_ROWS)]

    def clean(self):
        data = super().clean()
        for i in range(COUNTRY_ROWS):
            name, number = (data.get(f"country_{i}") or "").strip(), data.get(f"country_count_{i}")
            if number and not name:
                self.add_error(f"country_{i}", _("Name the country for this count."))
        return data

    def figures(self):
        data = self.cleaned_data
        result = [("age_band", code, data.get(f"age_{code}") or 0) for code in AgeBand.values]
        result += [("gender", code, data.get(f"gender_{code}") or 0) for code in Gender.values]
        for i in range(COUNTRY_ROWS):
            name = (data.get(f"country_{i}") or "").strip()
            if name:
                result.append(("country", name, data.get(f"country_count_{i}") or 0))
        return result

    def report_values(self):
        data = self.cleaned_data
        return {
            "feedback_count": data.get("feedback_count") or 0,
            "feedback_summary": data.get("feedback_summary", ""),
            "complaints_count": data.get("complaints_count") or 0,
            "complaints_summary": data.get("complaints_summary", ""),
            "narrative": data.get("narrative", ""),
            "group_report": data.get("group_report"),
        }

    @classmethod
    def initial_for(cls, report) -> dict:
        initial = {
            "feedback_count": report.feedback_count,
            "feedback_summary": report.feedback_summary,
            "complaints_count": report.complaints_count,
            "complaints_summary": report.complaints_summary,
            "narrative": report.narrative,
            "group_report": report.group_report_id,
        }
        countries = 0
        for figure in report.figures.all():
            if figure.dimension == "age_band":
                initial[f"age_{figure.category}"] = figure.count
            elif figure.dimension == "gender":
                initial[f"gender_{figure.category}"] = figure.count
            elif countries < COUNTRY_ROWS:
                initial[f"country_{countries}"] = figure.category
                initial[f"country_count_{countries}"] = figure.count
                countries += 1
        return initial

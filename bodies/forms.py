from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import VersionedForm
from organisations.constants import Role

from .models import BodySettings
from .onboarding import PUBLIC_LEGAL_FORMS
from .selectors import installation_defaults

YES_NO_DEFAULT = [("", _("The installation's value")), ("yes", _("Yes")), ("no", _("No"))]


class BodySettingsForm(VersionedForm, forms.ModelForm):
    """Every field may be left empty: the body then follows the installation's value, which
    the help text names."""

    two_person_approval = forms.TypedChoiceField(
        label=_("Two-person payment approval"),
        choices=YES_NO_DEFAULT,
        required=False,
        coerce=lambda value: value == "yes",
        empty_value=None,
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or JPEG, at most 1 MB. Empty: the installation's logo."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Use the installation's logo again"), required=False)

    class Meta:
        model = BodySettings
        fields = [
            "letterhead_name",
            "deciding_body",
            "head_title",
            "signing_place",
            "two_person_approval",
            "deviation_threshold_percent",
            "account_due_days",
            "sie_expense_account",
            "sie_expense_account_name",
            "sie_payable_account",
            "sie_payable_account_name",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.two_person_approval is not None:
            own = self.instance.two_person_approval
            self.initial["two_person_approval"] = "yes" if own else "no"
        default = installation_defaults()
        yes_no = {True: _("Yes"), False: _("No")}
        shown = {
            "deciding_body": default["deciding_body"],
            "head_title": default["head_title"],
            "two_person_approval": yes_no[default["two_person_approval"]],
            "deviation_threshold_percent": default["deviation_threshold_percent"],
            "account_due_days": default["account_due_days"],
            "sie_expense_account": default["sie_expense_account"][0],
            "sie_expense_account_name": default["sie_expense_account"][1],
            "sie_payable_account": default["sie_payable_account"][0],
            "sie_payable_account_name": default["sie_payable_account"][1],
        }
        for name, value in shown.items():
            field = self.fields[name]
            own = f"{field.help_text} " if field.help_text else ""
            field.help_text = _("%(own)sEmpty: the installation's value, %(value)s.") % {
                "own": own,
                "value": value,
            }
        if not self.instance.logo:
            del self.fields["remove_logo"]

    def _post_clean(self):
        # The service validates and saves; the form only converts what was typed.
        pass


STAFF_ROLE_CHOICES = [
    (Role.ADMINISTRATOR, Role.ADMINISTRATOR.label),
    (Role.OFFICIAL, Role.OFFICIAL.label),
]


class PublicBodyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    org_number = forms.CharField(
        label=_("Organisation number"), max_length=13, help_text=_("Ten digits, NNNNNN-NNNN.")
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        choices=[(value, value.label) for value in PUBLIC_LEGAL_FORMS],
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    admin_email = forms.EmailField(
        label=_("The first administrator's e-mail"),
        help_text=_("They get a link to choose a password, and then invite the body's staff."),
    )


class StaffInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLE_CHOICES)


class StaffRoleForm(VersionedForm, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLE_CHOICES)


class BodySearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or organisation number"), required=False)

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput, VersionedForm
from common.uploads import max_upload_bytes
from organisations.models import Organisation

from .constants import (
    DEFAULT_CHAIR_TERM_MONTHS,
    ORGANISATION_DECISIONS,
    DecisionKind,
    GroupKind,
    MemberRole,
    ReportKind,
)
from .dates import contract_years
from .models import Group, GroupMember
from .services.groups import member_organisations


class GroupForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices)
    meeting_interval_days = forms.IntegerField(
        label=_("Days between meetings"),
        min_value=1,
        max_value=366,
        required=False,
        help_text=_(
            "Leave empty for the seeds' cadence: 91 days for a steering group, 30 for a "
            "cooperation group (183 for once per term)."
        ),
    )
    chair_term_months = forms.IntegerField(
        label=_("Chair's term (months)"),
        min_value=1,
        max_value=24,
        initial=DEFAULT_CHAIR_TERM_MONTHS,
    )
    chair_by_lot = forms.BooleanField(
        label=_("The chair is drawn by lot"),
        required=False,
        initial=True,
        help_text=_("At the first meeting, and again each time the chair's term runs out."),
    )
    writes_reports = forms.BooleanField(
        label=_("Written reports to the steering group"),
        required=False,
        initial=True,
        help_text=_(
            "Cooperation group only: half-way through each contract year and before the next."
        ),
    )


class GroupSettingsForm(VersionedForm, forms.Form):
    meeting_interval_days = forms.IntegerField(
        label=_("Days between meetings"), min_value=1, max_value=366
    )
    chair_term_months = forms.IntegerField(
        label=_("Chair's term (months)"), min_value=1, max_value=24
    )
    chair_by_lot = forms.BooleanField(
        label=_("The chair is drawn by lot"),
        required=False,
        help_text=_("At the first meeting, and again each time the chair's term runs out."),
    )
    writes_reports = forms.BooleanField(
        label=_("Written reports to the steering group"),
        required=False,
        help_text=_(
            "Cooperation group only: half-way through each contract year and before the next."
        ),
    )


class MemberForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput())

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = member_organisations(partnership=group.partnership)
        self.fields["joined_on"].initial = max(
            group.partnership.start_date, min(timezone.localdate(), group.partnership.end_date)
        )


class MemberLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput())


class DrawForm(forms.Form):
    term_start = forms.DateField(
        label=_("Term starts"),
        widget=DateInput(),
        help_text=_("Suggested: the day after the current term ends."),
    )


class RedrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for drawing again"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The earlier draw is kept and shown as replaced, with this reason."),
    )


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=GroupMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    minutes_file = forms.FileField(
        label=_("Minutes as a file"),
        required=False,
        help_text=_("PDF, XLSX, DOCX, ODS, ODT, PNG or JPEG, at most %(size)s MB."),
    )

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = group.members.select_related("organisation").order_by(
            "organisation__name", "name"
        )
        self.fields["attendees"].label_from_instance = lambda member: (
            f"{member.name} ({member.organisation.name}, {member.get_role_display()})"
        )
        self.fields["minutes_file"].help_text = self.fields["minutes_file"].help_text % {
            "size": max_upload_bytes() // (1024 * 1024)
        }


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of decision"), choices=DecisionKind.choices)
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.idea_based(),
        required=False,
        help_text=_("For admitting, an action plan or terminating: the organisation concerned."),
    )
    proposed_by_group = forms.ModelChoiceField(
        label=_("Proposed by group"), queryset=Group.objects.none(), required=False
    )
    proposed_by_person = forms.CharField(
        label=_("Proposed by person"), max_length=200, required=False
    )
    proposed_on = forms.DateField(label=_("Proposed on"), widget=DateInput(), required=False)

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_by_group"].queryset = Group.objects.filter(
            partnership_id=group.partnership_id
        )
        self.fields["proposed_by_group"].label_from_instance = lambda g: g.get_kind_display()

    def clean(self):
        data = super().clean()
        if data.get("kind") in ORGANISATION_DECISIONS and not data.get("organisation"):
            self.add_error("organisation", _("Choose the organisation the decision concerns."))
        return data


def _year_choices(partnership):
    return [
        (
            year.number,
            _("Contract year %(number)s (%(start)s–%(end)s)")
            % {"number": year.number, "start": year.start, "end": year.end},
        )
        for year in contract_years(partnership.start_date, partnership.end_date)
    ]


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    year = forms.TypedChoiceField(label=_("Contract year"), coerce=int)
    text = forms.CharField(
        label=_("Report"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "The commitments carried out, the people reached by age, gender and country of "
            "origin, user feedback and complaints. Aggregated figures only: never information "
            "about individuals."
        ),
    )

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(group.partnership)


class CompilationForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Contract year"), coerce=int)
    text = forms.CharField(label=_("Compilation"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _year_choices(partnership)

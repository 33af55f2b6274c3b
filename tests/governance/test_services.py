import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from governance.constants import DecisionKind, GroupKind, MemberRole
from governance.models import Decision, Group, GroupMember, Meeting
from governance.services import (
    chair_draw,
    compilation_record,
    decision_record,
    group_create,
    group_update,
    meeting_record,
    member_add,
    member_leave,
    report_submit,
)
from partnerships.models import Party
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def messages_of(excinfo, field):
    return " ".join(excinfo.value.message_dict[field])


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def ods_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


# --- groups and members ------------------------------------------------------------------


def test_group_defaults_follow_the_seeds(eu_partnership):
    steering = group_create(partnership=eu_partnership, kind=GroupKind.STEERING)
    cooperation = group_create(partnership=eu_partnership, kind=GroupKind.COOPERATION)
    assert (steering.meeting_interval_days, steering.chair_term_months) == (91, 3)
    assert cooperation.meeting_interval_days == 30
    bris = group_create(
        partnership=PartnershipFactory(active=True), kind="cooperation", meeting_interval_days=183
    )
    assert bris.meeting_interval_days == 183


def test_at_most_one_group_of_each_kind(steering_group):
    with pytest.raises(ValidationError) as excinfo:
        group_create(partnership=steering_group.partnership, kind=GroupKind.STEERING)
    assert "redan" in messages_of(excinfo, "kind")
    assert Group.objects.filter(partnership=steering_group.partnership).count() == 1


def test_group_update_refuses_zero_interval(steering_group):
    with pytest.raises(ValidationError):
        group_update(group=steering_group, meeting_interval_days=0, chair_term_months=3)
    steering_group.refresh_from_db()
    assert steering_group.meeting_interval_days == 91


def test_the_same_person_twice_is_refused(steering_group, eu_partnership):
    organisation = eu_partnership.parties.filter(is_public=False).first().organisation
    member = steering_group.members.get(organisation=organisation)
    with pytest.raises(ValidationError) as excinfo:
        member_add(
            group=steering_group,
            organisation=organisation,
            name=member.name.upper(),
            role=MemberRole.OTHER,
            joined_on=datetime.date(2017, 6, 1),
        )
    assert "redan" in messages_of(excinfo, "name")
    assert steering_group.members.filter(organisation=organisation).count() == 1


def test_a_member_who_left_may_join_again_and_stays_in_history(steering_group, eu_partnership):
    member = steering_group.members.filter(role=MemberRole.REPRESENTATIVE).first()
    member_leave(member=member, left_on=datetime.date(2017, 9, 1))
    again = member_add(
        group=steering_group,
        organisation=member.organisation,
        name=member.name,
        role=MemberRole.REPRESENTATIVE,
        joined_on=datetime.date(2018, 1, 1),
    )
    assert again.pk != member.pk
    assert steering_group.members.filter(name=member.name).count() == 2
    with pytest.raises(ValidationError):
        member_leave(
            member=GroupMember.objects.get(pk=member.pk), left_on=datetime.date(2018, 1, 1)
        )


def test_only_parties_sit_in_the_groups(steering_group):
    stranger = OrganisationFactory(name="Främmande förening")
    with pytest.raises(ValidationError) as excinfo:
        member_add(
            group=steering_group,
            organisation=stranger,
            name="Eva",
            role=MemberRole.REPRESENTATIVE,
            joined_on=datetime.date(2017, 6, 1),
        )
    assert "organisation" in excinfo.value.message_dict
    assert not steering_group.members.filter(organisation=stranger).exists()


def test_leaving_before_joining_is_refused(steering_group):
    member = steering_group.members.first()
    with pytest.raises(ValidationError):
        member_leave(member=member, left_on=datetime.date(2017, 1, 1))
    member.refresh_from_db()
    assert member.left_on is None


# --- meetings ----------------------------------------------------------------------------


def test_meeting_records_attendees_and_the_chair_in_force(steering_group, official):
    draw = chair_draw(group=steering_group, user=official, term_start=datetime.date(2017, 5, 1))
    members = list(steering_group.members.all()[:3])
    meeting = meeting_record(
        group=steering_group,
        date=datetime.date(2017, 6, 15),
        user=official,
        agenda="1. Läget",
        minutes="Alla närvarande.",
        attendees=members,
    )
    assert meeting.chair == draw
    assert set(meeting.attendees.all()) == set(members)


def test_meeting_outside_the_period_is_refused(steering_group, official):
    with pytest.raises(ValidationError) as excinfo:
        meeting_record(group=steering_group, date=datetime.date(2019, 5, 1), user=official)
    assert "partnerskapets period" in messages_of(excinfo, "date")
    assert not Meeting.objects.exists()


def test_attendees_must_be_members_of_the_group(steering_group, cooperation_group, official):
    outsider = cooperation_group.members.first()
    with pytest.raises(ValidationError) as excinfo:
        meeting_record(
            group=steering_group,
            date=datetime.date(2017, 6, 1),
            user=official,
            attendees=[outsider],
        )
    assert "attendees" in excinfo.value.message_dict
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("protokoll.pdf", PDF_BYTES, "application/pdf"),
        ("protokoll.docx", docx_bytes(), "wordprocessingml"),
        ("protokoll.ods", ods_bytes(), "opendocument.spreadsheet"),
        ("protokoll.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "image/png"),
        ("protokoll.jpeg", b"\xff\xd8\xff\xe0" + b"0" * 20, "image/jpeg"),
    ],
)
def test_allowed_minutes_files_are_stored_under_an_unguessable_name(
    steering_group, official, settings, tmp_path, name, content, content_type
):
    settings.MEDIA_ROOT = tmp_path
    meeting = meeting_record(
        group=steering_group,
        date=datetime.date(2017, 6, 1),
        user=official,
        minutes_file=SimpleUploadedFile(name, content),
    )
    assert meeting.minutes_file_name == name
    assert content_type in meeting.minutes_content_type
    stored = meeting.minutes_file.name
    assert stored.startswith("governance/minutes/")
    assert "protokoll" not in stored
    assert len(stored.rsplit("/", 1)[-1].split(".")[0]) == 32
    with meeting.minutes_file.open("rb") as handle:
        assert handle.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"0" * 20, "inte tillåten"),
        ("protokoll.pdf", b"<html>not a pdf</html>", "inte tillåten"),
        ("protokoll.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "stämmer inte"),
        ("protokoll.docx", b"PK\x03\x04garbage", "inte tillåten"),
    ],
)
def test_refused_minutes_files_leave_nothing(
    steering_group, official, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as excinfo:
        meeting_record(
            group=steering_group,
            date=datetime.date(2017, 6, 1),
            user=official,
            minutes="Text",
            minutes_file=SimpleUploadedFile(name, content),
        )
    assert message in messages_of(excinfo, "minutes_file")
    assert not Meeting.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


@override_settings(IOP_MAX_UPLOAD_BYTES=1000)
def test_too_large_minutes_file_is_refused(steering_group, official):
    with pytest.raises(ValidationError) as excinfo:
        meeting_record(
            group=steering_group,
            date=datetime.date(2017, 6, 1),
            user=official,
            minutes_file=SimpleUploadedFile("stor.pdf", PDF_BYTES + b"0" * 2000),
        )
    assert "för stor" in messages_of(excinfo, "minutes_file")
    assert not Meeting.objects.exists()


# --- decisions ---------------------------------------------------------------------------


@pytest.fixture
def steering_meeting(steering_group, official):
    return meeting_record(group=steering_group, date=datetime.date(2017, 9, 1), user=official)


def test_steering_group_admits_a_sixth_organisation(steering_meeting, cooperation_group, official):
    sixth = OrganisationFactory(name="Hela Människan")
    decision = decision_record(
        meeting=steering_meeting,
        kind=DecisionKind.ADMIT_ORGANISATION,
        text="Hela Människan antas som ny aktör.",
        user=official,
        organisation=sixth,
        proposed_by_group=cooperation_group,
        proposed_on=datetime.date(2017, 8, 15),
    )
    party = Party.objects.get(partnership=steering_meeting.group.partnership, organisation=sixth)
    assert party.joined_on == datetime.date(2017, 9, 1)
    assert decision.party == party
    assert decision.proposed_by == "Samverkansgrupp"
    assert steering_meeting.group.partnership.parties.filter(is_public=False).count() == 6


def test_cooperation_group_cannot_terminate(cooperation_group, eu_partnership, official):
    meeting = meeting_record(group=cooperation_group, date=datetime.date(2017, 9, 1), user=official)
    organisation = eu_partnership.parties.filter(is_public=False).first().organisation
    with pytest.raises(ValidationError) as excinfo:
        decision_record(
            meeting=meeting,
            kind=DecisionKind.TERMINATE_ORGANISATION,
            text="Uppsägning",
            user=official,
            organisation=organisation,
            proposed_by_person="Anna",
            proposed_on=datetime.date(2017, 9, 1),
        )
    assert "Endast styrgruppen" in messages_of(excinfo, "kind")
    assert not Decision.objects.exists()


def test_cooperation_group_cannot_admit(cooperation_group, official):
    meeting = meeting_record(group=cooperation_group, date=datetime.date(2017, 9, 1), user=official)
    sixth = OrganisationFactory()
    with pytest.raises(ValidationError):
        decision_record(
            meeting=meeting,
            kind=DecisionKind.ADMIT_ORGANISATION,
            text="Antas",
            user=official,
            organisation=sixth,
            proposed_by_person="Anna",
            proposed_on=datetime.date(2017, 9, 1),
        )
    assert not Party.objects.filter(organisation=sixth).exists()


def test_terminate_links_the_party(steering_meeting, eu_partnership, official):
    party = eu_partnership.parties.filter(is_public=False).first()
    decision = decision_record(
        meeting=steering_meeting,
        kind=DecisionKind.TERMINATE_ORGANISATION,
        text="Sägs upp efter åtgärdsplan.",
        user=official,
        organisation=party.organisation,
        proposed_by_person="Processledaren",
        proposed_on=datetime.date(2017, 8, 1),
    )
    assert decision.party == party


def test_admit_and_terminate_need_proposer_and_date(steering_meeting, official):
    with pytest.raises(ValidationError) as excinfo:
        decision_record(
            meeting=steering_meeting,
            kind=DecisionKind.ADMIT_ORGANISATION,
            text="Antas",
            user=official,
            organisation=OrganisationFactory(),
        )
    assert {"proposed_by_person", "proposed_on"} <= set(excinfo.value.message_dict)
    assert not Decision.objects.exists()


def test_admitting_a_current_party_is_refused(steering_meeting, eu_partnership, official):
    party = eu_partnership.parties.filter(is_public=False).first()
    with pytest.raises(ValidationError) as excinfo:
        decision_record(
            meeting=steering_meeting,
            kind=DecisionKind.ADMIT_ORGANISATION,
            text="Antas",
            user=official,
            organisation=party.organisation,
            proposed_by_person="Anna",
            proposed_on=datetime.date(2017, 8, 1),
        )
    assert "redan" in messages_of(excinfo, "organisation")


def test_proposal_after_the_meeting_is_refused(steering_meeting, official):
    with pytest.raises(ValidationError) as excinfo:
        decision_record(
            meeting=steering_meeting,
            kind=DecisionKind.OTHER,
            text="Övrigt",
            user=official,
            proposed_on=datetime.date(2017, 9, 2),
        )
    assert "proposed_on" in excinfo.value.message_dict


def test_action_plan_needs_a_current_party(steering_meeting, official):
    with pytest.raises(ValidationError) as excinfo:
        decision_record(
            meeting=steering_meeting,
            kind=DecisionKind.ACTION_PLAN,
            text="Åtgärdsplan krävs",
            user=official,
            organisation=OrganisationFactory(),
        )
    assert "organisation" in excinfo.value.message_dict


# --- reports and compilations ------------------------------------------------------------


def test_report_periods_follow_the_contract_year(cooperation_group, official):
    half = report_submit(
        group=cooperation_group, kind="half_year", year_number=1, text="R", user=official
    )
    assert (half.period_start, half.period_end, half.due_on) == (
        datetime.date(2017, 5, 1),
        datetime.date(2017, 10, 31),
        datetime.date(2017, 11, 1),
    )
    year_end = report_submit(
        group=cooperation_group, kind="year_end", year_number=2, text="R", user=official
    )
    assert (year_end.period_start, year_end.period_end) == (
        datetime.date(2018, 5, 1),
        datetime.date(2019, 4, 30),
    )
    with pytest.raises(ValidationError):
        report_submit(
            group=cooperation_group, kind="half_year", year_number=1, text="R", user=official
        )


def test_reports_come_from_the_cooperation_group(steering_group, official):
    with pytest.raises(ValidationError):
        report_submit(
            group=steering_group, kind="half_year", year_number=1, text="R", user=official
        )


def test_compilation_once_per_contract_year(eu_partnership, official):
    compilation = compilation_record(
        partnership=eu_partnership, year_number=1, text="S", user=official
    )
    assert compilation.due_on == datetime.date(2018, 4, 30)
    with pytest.raises(ValidationError) as excinfo:
        compilation_record(partnership=eu_partnership, year_number=1, text="S", user=official)
    assert "year" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        compilation_record(partnership=eu_partnership, year_number=3, text="S", user=official)

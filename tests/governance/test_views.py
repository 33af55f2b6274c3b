import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.constants import GroupKind
from governance.models import ChairDraw, Decision, GroupMember, Meeting
from governance.services import chair_draw, group_create, meeting_record
from organisations.constants import Role
from partnerships.models import Party
from tests.factories import (
    GroupMemberFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
)
from tests.governance.conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def official_client(client, official):
    return log_in(client, official)


@pytest.fixture
def admin_client(client, administrator):
    return log_in(client, administrator)


def test_group_page_shows_members_draws_and_verification(official_client, steering_group):
    draw = chair_draw(group=steering_group, user=None, term_start=datetime.date(2017, 5, 1))
    response = official_client.get(reverse("governance:group", args=[steering_group.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Styrgrupp" in content
    assert "Representant Convictus" in content
    assert draw.seed in content
    assert draw.check_message in content
    assert "Kontrollerad" in content
    assert "Lotta ordförande" in content


def test_official_draws_the_chair(official_client, steering_group):
    url = reverse("governance:chair_draw", args=[steering_group.pk])
    response = official_client.post(url, {"term_start": "2017-05-01"})
    assert response.status_code == 302
    draw = ChairDraw.objects.get()
    assert draw.term_end == datetime.date(2017, 7, 31)
    page = official_client.get(response["Location"]).content.decode()
    assert f"{draw.result.name} lottades som ordförande" in page


def test_drawing_the_same_term_twice_shows_a_swedish_error(official_client, steering_group):
    chair_draw(group=steering_group, user=None, term_start=datetime.date(2017, 5, 1))
    url = reverse("governance:chair_draw", args=[steering_group.pk])
    response = official_client.post(url, {"term_start": "2017-06-01"})
    assert response.status_code == 400
    assert "Ordförande är redan lottad för den här perioden" in response.content.decode()
    assert ChairDraw.objects.count() == 1


def test_draw_with_no_eligible_organisation(official_client, eu_partnership):
    group = group_create(partnership=eu_partnership, kind=GroupKind.STEERING)
    url = reverse("governance:chair_draw", args=[group.pk])
    response = official_client.post(url, {"term_start": "2017-05-01"})
    assert response.status_code == 400
    assert "Ingen organisation kan lottas" in response.content.decode()
    assert not ChairDraw.objects.exists()


def test_redraw_needs_a_reason(official_client, steering_group):
    draw = chair_draw(group=steering_group, user=None, term_start=datetime.date(2017, 5, 1))
    url = reverse("governance:chair_redraw", args=[draw.pk])
    response = official_client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Detta fält måste fyllas i" in response.content.decode()
    assert ChairDraw.objects.count() == 1
    response = official_client.post(url, {"reason": "Ordföranden har slutat."})
    assert response.status_code == 302
    new = ChairDraw.objects.get(supersedes=draw)
    page = official_client.get(reverse("governance:group", args=[steering_group.pk])).content
    assert "Ordföranden har slutat." in page.decode()
    assert "ersatt" in page.decode()
    assert new.verify()


def test_admin_adds_a_member_and_a_duplicate_is_refused(admin_client, steering_group):
    organisation = steering_group.members.filter(role="representative").first().organisation
    url = reverse("governance:member_create", args=[steering_group.pk])
    data = {
        "organisation": organisation.pk,
        "name": "Karin Nyström",
        "role": "representative",
        "joined_on": "2017-06-01",
    }
    assert admin_client.post(url, data).status_code == 302
    response = admin_client.post(url, data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Karin Nyström är redan medlem i gruppen" in content
    assert 'value="Karin Nyström"' in content  # what was typed stays
    assert GroupMember.objects.filter(name="Karin Nyström").count() == 1


def test_member_leaves_and_stays_in_history(admin_client, steering_group):
    member = steering_group.members.first()
    url = reverse("governance:member_leave", args=[steering_group.pk, member.pk])
    assert admin_client.post(url, {"left_on": "2017-12-31"}).status_code == 302
    page = admin_client.get(reverse("governance:group", args=[steering_group.pk])).content.decode()
    assert member.name in page
    assert "2017-12-31" in page


def test_meeting_with_minutes_file_and_download(
    official_client, steering_group, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    members = list(steering_group.members.all()[:2])
    url = reverse("governance:meeting_create", args=[steering_group.pk])
    response = official_client.post(
        url,
        {
            "date": "2017-06-01",
            "attendees": [member.pk for member in members],
            "agenda": "1. Läget",
            "minutes": "Vi möttes.",
            "minutes_file": SimpleUploadedFile("protokoll juni.pdf", b"%PDF-1.4 test"),
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.attendees.count() == 2
    assert not meeting.minutes_file.url.endswith("protokoll%20juni.pdf")
    download = official_client.get(reverse("governance:minutes", args=[meeting.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_meeting_bad_input_keeps_what_was_typed(
    official_client, steering_group, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("governance:meeting_create", args=[steering_group.pk])
    response = official_client.post(
        url, {"date": "2019-06-01", "agenda": "Min dagordning", "minutes": "Mina anteckningar"}
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Datumet måste ligga inom partnerskapets period" in content
    assert "Min dagordning" in content and "Mina anteckningar" in content
    response = official_client.post(
        url,
        {
            "date": "2017-06-01",
            "minutes": "Mina anteckningar",
            "minutes_file": SimpleUploadedFile("protokoll.exe", b"MZ\x90\x00binary"),
        },
    )
    assert response.status_code == 400
    assert "Filtypen är inte tillåten" in response.content.decode()
    assert not Meeting.objects.exists()


def test_decision_admits_a_sixth_organisation(official_client, steering_group, cooperation_group):
    meeting = meeting_record(group=steering_group, date=datetime.date(2017, 9, 1), user=None)
    sixth = OrganisationFactory(name="Hela Människan")
    url = reverse("governance:decision_create", args=[meeting.pk])
    response = official_client.post(
        url,
        {
            "kind": "admit_organisation",
            "text": "Hela Människan antas.",
            "organisation": sixth.pk,
            "proposed_by_group": cooperation_group.pk,
            "proposed_on": "2017-08-20",
        },
    )
    assert response.status_code == 302
    party = Party.objects.get(organisation=sixth)
    assert party.joined_on == datetime.date(2017, 9, 1)
    page = official_client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert "Ny organisation antagen" in page
    assert "Hela Människan" in page
    assert "Samverkansgrupp, 2017-08-20" in page


def test_cooperation_group_terminating_shows_a_swedish_error(
    official_client, cooperation_group, eu_partnership
):
    meeting = meeting_record(group=cooperation_group, date=datetime.date(2017, 9, 1), user=None)
    organisation = eu_partnership.parties.filter(is_public=False).first().organisation
    response = official_client.post(
        reverse("governance:decision_create", args=[meeting.pk]),
        {
            "kind": "terminate_organisation",
            "text": "Uppsägning av aktören.",
            "organisation": organisation.pk,
            "proposed_by_person": "Anna",
            "proposed_on": "2017-09-01",
        },
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Endast styrgruppen kan anta eller säga upp en organisation" in content
    assert "Uppsägning av aktören." in content
    assert not Decision.objects.exists()


def test_group_create_refuses_a_second_steering_group(admin_client, steering_group):
    url = reverse("governance:group_create", args=[steering_group.partnership_id])
    response = admin_client.post(url, {"kind": "steering", "chair_term_months": "3"})
    assert response.status_code == 400
    assert "Partnerskapet har redan en styrgrupp" in response.content.decode()


def test_report_and_compilation_pages(official_client, cooperation_group, eu_partnership):
    url = reverse("governance:report_create", args=[cooperation_group.pk])
    response = official_client.post(url, {"kind": "half_year", "year": "1", "text": "Rapport"})
    assert response.status_code == 302
    response = official_client.post(url, {"kind": "half_year", "year": "1", "text": "Igen"})
    assert response.status_code == 400
    assert "Rapporten är redan inlämnad" in response.content.decode()
    url = reverse("governance:compilation_create", args=[eu_partnership.pk])
    assert official_client.post(url, {"year": "1", "text": "Sammanställt"}).status_code == 302
    page = official_client.get(reverse("governance:partnership_groups", args=[eu_partnership.pk]))
    assert "Sammanställt" in page.content.decode()


# --- dashboard ---------------------------------------------------------------------------


def _governed_partnership(public_body, organisation, number):
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=[organisation],
        active=True,
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2030, 12, 31),
        latest_end_date=datetime.date(2032, 12, 31),
    )
    steering = group_create(partnership=partnership, kind=GroupKind.STEERING)
    cooperation = group_create(partnership=partnership, kind=GroupKind.COOPERATION)
    for group in (steering, cooperation):
        GroupMemberFactory(group=group, organisation=organisation)
        chair_draw(group=group, user=None, term_start=datetime.date(2025, 1, 1))
        meeting_record(group=group, date=datetime.date(2025, 1, 10), user=None)
    return partnership


def test_dashboard_query_count_is_bounded(
    client, official, public_body, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    for number in range(20):
        _governed_partnership(public_body, organisation, number)
    log_in(client, official)
    # Governance's own deadlines, plus one query for payments, four for accounts/reports, one
    # each for pending giro changes and changed identities of partner organisations (the
    # header's body and its settings come with the partnerships): none grows with the rows.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("governance:dashboard"))
    assert response.status_code == 200

    # Paginated (25 a page, overdue and coming up each on their own pages): all 40 are there.
    def sections(number):
        page = client.get(reverse("governance:dashboard"), {"overdue_page": number})
        return page.content.decode().split('id="upcoming"')

    overdue_pages = []
    for number in range(1, 10):
        overdue, upcoming = sections(number)
        if overdue_pages and overdue == overdue_pages[-1]:
            break  # past the end: the last page again
        overdue_pages.append(overdue)
    meetings = sum(page.count("deadline-meeting") for page in overdue_pages)
    assert meetings + upcoming.count("deadline-meeting") == 40


def test_dashboard_shows_what_is_due_with_links(client, official, public_body, steering_group):
    log_in(client, official)
    response = client.get(reverse("governance:dashboard"))
    content = response.content.decode()
    assert "Att göra och tidsfrister" in content
    assert "Försenat" in content
    assert "Styrgrupp: lotta ordförande" in content
    assert reverse("governance:group", args=[steering_group.pk]) in content


def test_representative_dashboard_shows_only_their_partnerships(
    client, public_body, eu_partnership
):
    other = PartnershipFactory(public_body=public_body, active=True, title="Annat partnerskap")
    group_create(partnership=other, kind=GroupKind.STEERING)
    group_create(partnership=eu_partnership, kind=GroupKind.COOPERATION)
    organisation = eu_partnership.parties.filter(is_public=False).first().organisation
    representative = MembershipFactory(
        organisation=organisation, role=Role.REPRESENTATIVE, body=public_body
    ).user
    log_in(client, representative)
    content = client.get(reverse("governance:dashboard")).content.decode()
    assert eu_partnership.title in content
    assert "Annat partnerskap" not in content
    assert "Sammanställ rapporterna" not in content


def test_dashboard_needs_login(client):
    response = client.get(reverse("governance:dashboard"))
    assert response.status_code == 302


def test_termination_decision_links_to_the_finance_flow(
    official_client, steering_group, eu_partnership
):
    from governance.services import decision_record

    meeting = meeting_record(group=steering_group, date=datetime.date(2017, 9, 1), user=None)
    party = eu_partnership.parties.filter(is_public=False).first()
    decision_record(
        meeting=meeting,
        kind="terminate_organisation",
        text="Sägs upp.",
        user=None,
        organisation=party.organisation,
        proposed_by_person="Processledaren",
        proposed_on=datetime.date(2017, 8, 1),
    )
    page = official_client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert "Organisation uppsagd" in page
    assert reverse("finance:terminate", args=[eu_partnership.pk]) in page
    assert "Fortsätt med uppsägningen" in page


def test_partnership_groups_include_renders_for_the_partnership_page(
    steering_group, eu_partnership, django_assert_max_num_queries
):
    from django.template.loader import render_to_string

    from governance.selectors import groups_for_partnership

    with django_assert_max_num_queries(2):
        groups = groups_for_partnership(partnership=eu_partnership)
    html = render_to_string(
        "governance/includes/partnership_groups.html",
        {"partnership": eu_partnership, "groups": groups},
    )
    assert "Styrgrupp och samverkansgrupp" in html
    assert "Inte lottad ännu" in html
    assert reverse("governance:group", args=[steering_group.pk]) in html


def test_dashboard_names_the_ten_partnerships_with_most_deadlines_not_all(
    client, official, public_body
):
    organisation = OrganisationFactory()
    partnerships = [_governed_partnership(public_body, organisation, n) for n in range(12)]
    log_in(client, official)
    response = client.get(reverse("governance:dashboard"))
    listed = response.content.decode().split('id="by-partnership"')[1].split("</section>")[0]
    links = [p for p in partnerships if f'partnership={p.pk}"' in listed]
    assert len(links) == 10
    assert "Och 2 partnerskap till med färre tidsfrister" in listed
    # A partnership chosen from the tables stays in the list, marked as chosen.
    left_out = next(p for p in partnerships if p not in links)
    chosen = client.get(reverse("governance:dashboard"), {"partnership": left_out.pk})
    listed = chosen.content.decode().split('id="by-partnership"')[1].split("</section>")[0]
    assert f'partnership={left_out.pk}" aria-current="true"' in listed
    assert "Och 1 partnerskap till" in listed

"""Cadence and deadlines for the three seed partnerships (001 Bris, 002 EU citizens, 004)."""

import datetime

import pytest

from governance.constants import DeadlineKind, GroupKind, ReportKind
from governance.dates import add_months, contract_years, term_end
from governance.selectors import (
    chair_draw_due,
    compilation_deadlines,
    dashboard_deadlines,
    extension_decision_due,
    groups_for_partnership,
    next_meeting_due,
    report_deadlines,
)
from governance.services import (
    chair_draw,
    compilation_record,
    group_create,
    meeting_record,
    report_submit,
)
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def bris(public_body):
    return PartnershipFactory(
        public_body=public_body,
        title="Stödgrupper för barn i familjehem",
        start_date=D(2017, 1, 1),
        end_date=D(2018, 12, 31),
        organisations=[OrganisationFactory(name="Bris")],
        active=True,
    )


@pytest.fixture
def minors(public_body):
    return PartnershipFactory(
        public_body=public_body,
        title="Ensamkommande barn och unga",
        start_date=D(2017, 9, 1),
        end_date=D(2019, 8, 31),
        latest_end_date=D(2021, 8, 31),
        organisations=[OrganisationFactory(), OrganisationFactory()],
        active=True,
    )


def test_add_months_and_term_end():
    assert add_months(D(2017, 1, 31), 1) == D(2017, 2, 28)
    assert term_end(D(2017, 5, 1), 3) == D(2017, 7, 31)
    assert term_end(D(2017, 11, 30), 3) == D(2018, 2, 27)


def test_contract_years_follow_the_start_date(eu_partnership, bris, minors):
    eu = contract_years(eu_partnership.start_date, eu_partnership.end_date)
    assert [(y.start, y.end) for y in eu] == [
        (D(2017, 5, 1), D(2018, 4, 30)),
        (D(2018, 5, 1), D(2019, 4, 30)),
    ]
    assert [y.end for y in contract_years(bris.start_date, bris.end_date)] == [
        D(2017, 12, 31),
        D(2018, 12, 31),
    ]
    assert [y.start for y in contract_years(minors.start_date, minors.end_date)] == [
        D(2017, 9, 1),
        D(2018, 9, 1),
    ]


def test_meeting_cadence_for_the_eu_groups(steering_group, cooperation_group):
    assert next_meeting_due(group=steering_group, last_meeting=None) == D(2017, 5, 1)
    assert next_meeting_due(group=steering_group, last_meeting=D(2017, 5, 10)) == D(2017, 8, 9)
    assert next_meeting_due(group=cooperation_group, last_meeting=D(2017, 5, 10)) == D(2017, 6, 9)
    # Nothing is due after the period.
    assert next_meeting_due(group=steering_group, last_meeting=D(2019, 3, 1)) is None


def test_bris_meets_once_per_term(bris):
    group = group_create(partnership=bris, kind=GroupKind.COOPERATION, meeting_interval_days=183)
    assert next_meeting_due(group=group, last_meeting=D(2017, 2, 1)) == D(2017, 8, 3)


def test_chair_draw_due(steering_group):
    assert chair_draw_due(group=steering_group, last_term_end=None) == D(2017, 5, 1)
    assert chair_draw_due(group=steering_group, last_term_end=D(2017, 7, 31)) == D(2017, 8, 1)
    assert chair_draw_due(group=steering_group, last_term_end=D(2019, 4, 30)) is None


def test_report_and_compilation_deadlines_eu(cooperation_group, steering_group, eu_partnership):
    assert report_deadlines(group=steering_group) == []
    assert [(kind, due) for kind, _start, due, _n in report_deadlines(group=cooperation_group)] == [
        (ReportKind.HALF_YEAR, D(2017, 11, 1)),
        (ReportKind.YEAR_END, D(2018, 4, 30)),
        (ReportKind.HALF_YEAR, D(2018, 11, 1)),
        (ReportKind.YEAR_END, D(2019, 4, 30)),
    ]
    assert [due for _s, due, _n in compilation_deadlines(partnership=eu_partnership)] == [
        D(2018, 4, 30),
        D(2019, 4, 30),
    ]


def test_extension_decision(minors, eu_partnership, settings):
    assert extension_decision_due(partnership=minors) == D(2019, 6, 2)
    settings.IOP_EXTENSION_DECISION_DAYS = 30
    assert extension_decision_due(partnership=minors) == D(2019, 8, 1)
    assert extension_decision_due(partnership=eu_partnership) is None


def test_groups_for_partnership(steering_group, cooperation_group, official, eu_partnership):
    draw = chair_draw(group=steering_group, user=official, term_start=D(2017, 5, 1))
    meeting_record(group=steering_group, date=D(2017, 5, 10), user=official)
    groups = groups_for_partnership(partnership=eu_partnership, today=D(2017, 9, 1))
    steering = next(g for g in groups if g.kind == GroupKind.STEERING)
    assert steering.member_count == 6
    assert steering.chair == draw  # the latest term, though it has run out
    assert steering.next_meeting_due == D(2017, 8, 9)
    assert steering.meeting_overdue
    assert steering.draw_due == D(2017, 8, 1)


def kinds(items):
    return [(item.kind, item.due_on, item.overdue) for item in items]


def test_dashboard_for_the_eu_partnership(steering_group, cooperation_group, official):
    today = D(2017, 10, 15)
    chair_draw(group=steering_group, user=official, term_start=D(2017, 8, 1))
    meeting_record(group=steering_group, date=D(2017, 9, 1), user=official)
    meeting_record(group=cooperation_group, date=D(2017, 10, 1), user=official)
    items = dashboard_deadlines(user=official, today=today)
    assert (DeadlineKind.MEETING, D(2017, 10, 31), False) in kinds(items)  # cooperation
    assert (DeadlineKind.MEETING, D(2017, 12, 1), False) in kinds(items)  # steering
    assert (DeadlineKind.CHAIR_DRAW, D(2017, 5, 1), True) in kinds(items)  # cooperation: never
    assert (DeadlineKind.CHAIR_DRAW, D(2017, 11, 1), False) in kinds(items)  # steering
    assert (DeadlineKind.REPORT, D(2017, 11, 1), False) in kinds(items)
    # Beyond 60 days: not shown.
    assert all(item.due_on <= D(2017, 12, 14) for item in items)
    # Submitting the report takes it off the list.
    report_submit(group=cooperation_group, kind="half_year", year_number=1, text="R", user=official)
    items = dashboard_deadlines(user=official, today=today)
    assert DeadlineKind.REPORT not in [item.kind for item in items]


def test_dashboard_compilation_period_end_and_extension(
    cooperation_group, minors, official, eu_partnership
):
    group_create(partnership=minors, kind=GroupKind.STEERING)
    items = dashboard_deadlines(user=official, today=D(2018, 4, 1))
    assert (DeadlineKind.COMPILATION, D(2018, 4, 30), False) in kinds(items)
    compilation_record(partnership=eu_partnership, year_number=1, text="S", user=official)
    items = dashboard_deadlines(user=official, today=D(2018, 4, 1))
    assert DeadlineKind.COMPILATION not in [item.kind for item in items]

    items = dashboard_deadlines(user=official, today=D(2019, 5, 1))
    assert (DeadlineKind.EXTENSION_DECISION, D(2019, 6, 2), False) in kinds(items)
    assert (DeadlineKind.PERIOD_END, D(2019, 4, 30), True) in kinds(items)  # EU, still active
    items = dashboard_deadlines(user=official, today=D(2019, 7, 15))
    assert (DeadlineKind.EXTENSION_DECISION, D(2019, 6, 2), True) in kinds(items)
    assert (DeadlineKind.PERIOD_END, D(2019, 8, 31), False) in kinds(items)


def test_representatives_see_their_partnerships_without_administration_work(
    cooperation_group, eu_partnership, bris
):
    from organisations.constants import Role
    from tests.factories import MembershipFactory

    organisation = eu_partnership.parties.filter(is_public=False).first().organisation
    representative = MembershipFactory(
        organisation=organisation, role=Role.REPRESENTATIVE, body=eu_partnership.public_body
    ).user
    group_create(partnership=bris, kind=GroupKind.COOPERATION, meeting_interval_days=183)
    items = dashboard_deadlines(user=representative, today=D(2018, 4, 1))
    assert {item.partnership for item in items} == {eu_partnership}
    assert DeadlineKind.COMPILATION not in [item.kind for item in items]
    assert DeadlineKind.REPORT in [item.kind for item in items]


def test_drafts_and_ended_partnerships_are_left_out(official, public_body):
    draft = PartnershipFactory(public_body=public_body)
    group_create(partnership=draft, kind=GroupKind.STEERING)
    assert dashboard_deadlines(user=official, today=D(2017, 6, 1)) == []

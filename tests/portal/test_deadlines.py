import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from organisations.constants import Role
from portal import services
from portal.models import ReminderSent
from portal.selectors import account_due, deadlines_for, half_year_due, open_deadlines
from tests.factories import MembershipFactory

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_due_dates_follow_the_contract_year(periods):
    year_2017 = periods[0]
    assert account_due(year_2017) == datetime.date(2017, 12, 2)  # 30 days before 2018-01-01
    assert half_year_due(year_2017) == datetime.date(2017, 7, 2)


@override_settings(IOP_ACCOUNT_DUE_DAYS_BEFORE_NEW_YEAR=10)
def test_days_before_the_new_year_is_a_setting(periods):
    assert account_due(periods[0]) == datetime.date(2017, 12, 22)


def test_contract_year_starting_in_may(periods):
    from finance.models import BudgetPeriod

    period = BudgetPeriod(start=datetime.date(2017, 5, 1), end=datetime.date(2018, 4, 30))
    assert account_due(period, body=periods[0].partnership.public_body) == datetime.date(2018, 4, 1)
    assert half_year_due(period) == datetime.date(2017, 10, 30)


def test_deadlines_due_by_a_day_are_those_of_the_whole_list(budgets):
    # The dashboard asks only for what is due by its horizon and reads no later year.
    everything = open_deadlines()
    sizes = set()
    for day in (
        datetime.date(2016, 12, 31),
        datetime.date(2017, 7, 2),
        datetime.date(2017, 12, 1),
        datetime.date(2017, 12, 2),
        datetime.date(2018, 7, 1),
        datetime.date(2030, 1, 1),
    ):
        due = [item.key for item in open_deadlines(due_by=day)]
        assert due == [item.key for item in everything if item.due <= day]
        sizes.add(len(due))
    assert min(sizes) == 0 and max(sizes) == len(everything) and len(sizes) > 2


class TestDeadlinesFor:
    def test_representative_gets_their_items_with_overdue_flag(self, representative, budgets):
        items = deadlines_for(representative, today=datetime.date(2017, 11, 20))
        assert [(item.title, item.due, item.overdue) for item in items] == [
            (
                "Verksamhetsrapport för halvåret 2017 (Stödgrupper för placerade barn)",
                datetime.date(2017, 7, 2),
                True,
            ),
            (
                "Ekonomisk redovisning 2017, Bris (Stödgrupper för placerade barn)",
                datetime.date(2017, 12, 2),
                False,
            ),
            (
                "Verksamhetsrapport för året 2017 (Stödgrupper för placerade barn)",
                datetime.date(2017, 12, 2),
                False,
            ),
        ]
        assert items[1].url.startswith("/portal/parties/")

    def test_submitted_accounts_are_no_longer_due(self, representative, submitted):
        items = deadlines_for(representative, today=datetime.date(2017, 11, 20))
        assert not [item for item in items if item.kind == "account"]

    def test_administrator_sees_every_organisation(self, administrator, budgets):
        items = deadlines_for(administrator, today=datetime.date(2017, 11, 20))
        accounts = [item.title for item in items if item.kind == "account"]
        assert len(accounts) == 2
        assert any("Rädda Barnen" in title for title in accounts)

    def test_other_body_sees_nothing(self, other_administrator, budgets):
        assert deadlines_for(other_administrator, today=TODAY) == []

    def test_query_count(self, administrator, budgets, django_assert_max_num_queries):
        with django_assert_max_num_queries(6):
            deadlines_for(administrator, today=TODAY)


class TestReminders:
    def test_sends_once_per_item_and_day(self, representative, budgets):
        today = datetime.date(2017, 11, 18)  # 14 days before the account is due
        call_command("send_reminders", "--days", "14", "--today", today.isoformat())
        titles = sorted(message.subject for message in mail.outbox)
        assert titles == ["Påminnelse: ska lämnas senast 2017-12-02"] * 2  # account + report
        assert mail.outbox[0].to == [representative.email]
        assert "om 14 dagar" in mail.outbox[0].body
        call_command("send_reminders", "--days", "14", "--today", today.isoformat())
        assert len(mail.outbox) == 2
        assert ReminderSent.objects.count() == 2

    def test_nothing_for_handed_in_accounts(self, representative, submitted):
        result = services.reminders_send(days=14, today=datetime.date(2017, 11, 18))
        assert result.sent == 1  # only the yearly activity report
        assert "Verksamhetsrapport" in mail.outbox[0].body

    def test_a_representative_invited_by_the_other_body_is_not_reminded(
        self, budgets, organisation, other_body
    ):
        MembershipFactory(organisation=organisation, role=Role.REPRESENTATIVE, body=other_body)
        result = services.reminders_send(days=14, today=datetime.date(2017, 11, 18))
        assert result.sent == 0
        assert not mail.outbox

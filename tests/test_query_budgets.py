"""Query budgets: every list and detail page renders with 3 rows and with 30 in the same
number of queries, so what grows with the register is only what a page shows (and the pages
are paginated)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from finance.models import Budget, BudgetLine, BudgetPeriod, FinanceTerms, Payment
from governance.models import Group, Meeting
from organisations.constants import Role
from partnerships.constants import Status
from portal.models import ActivityReport, AnnualAccount
from tests.factories import (
    AppendixFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class Register:
    """`rows` partnerships of one body with the organisation `organisation` as a party to each
    one, each with a contract year around today, a budget, a payment due soon, an annual
    account, an activity report and a group with a meeting."""

    def __init__(self, public_body, organisation, author):
        self.public_body = public_body
        self.organisation = organisation
        self.author = author
        self.group = None
        self.partnership = None

    def add(self, rows: int) -> None:
        today = timezone.localdate()
        start = today - datetime.timedelta(days=100)
        for _ in range(rows):
            partnership = PartnershipFactory(
                public_body=self.public_body,
                organisations=[self.organisation, OrganisationFactory()],
                status=Status.ACTIVE,
                start_date=start,
                end_date=start + datetime.timedelta(days=729),
            )
            FinanceTerms.objects.create(partnership=partnership)
            party = partnership.parties.get(organisation=self.organisation)
            appendix = AppendixFactory(party=party)
            period = BudgetPeriod.objects.create(
                partnership=partnership,
                start=start,
                end=start + datetime.timedelta(days=364),
                label=str(start.year),
            )
            budget = Budget.objects.create(appendix=appendix, period=period, total=Decimal(4000))
            BudgetLine.objects.create(budget=budget, category="Personal", amount=Decimal(4000))
            Payment.objects.create(
                partnership=partnership,
                party=party,
                period=period,
                due_date=today + datetime.timedelta(days=5),
                covers_from=today,
                covers_to=today + datetime.timedelta(days=90),
                amount=Decimal(1000),
            )
            AnnualAccount.objects.create(party=party, period=period)
            ActivityReport.objects.create(
                partnership=partnership,
                period=period,
                kind="half_year",
                organisation=self.organisation,
                created_by=self.author,
            )
            group = Group.objects.create(
                partnership=partnership, kind="steering", meeting_interval_days=91
            )
            self.partnership = self.partnership or partnership
            self.group = self.group or group
            Meeting.objects.create(group=self.group, date=today - datetime.timedelta(days=rows))


@pytest.fixture
def register(public_body, administrator):
    organisation = OrganisationFactory(name="Stadsmissionen")
    return Register(public_body, organisation, administrator)


@pytest.fixture
def representative_of_register(register):
    user = UserFactory()
    MembershipFactory(
        user=user,
        organisation=register.organisation,
        role=Role.REPRESENTATIVE,
        body=register.public_body,
    )
    return user


def staff_pages(register):
    return [
        reverse("partnerships:list"),
        reverse("partnerships:list") + "?q=Partnerskap&organisation=Stadsmissionen",
        reverse("partnerships:detail", args=[register.partnership.pk]),
        reverse("organisations:list"),
        reverse("organisations:detail", args=[register.organisation.pk]),
        reverse("finance:payments"),
        reverse("finance:payments") + "?organisation=Stadsmissionen&status=planned",
        reverse("finance:overview"),
        reverse("finance:partnership", args=[register.partnership.pk]),
        reverse("governance:dashboard"),
        reverse("governance:group", args=[register.group.pk]),
        reverse("portal:overview") + f"?year={timezone.localdate().year}",
        reverse("portal:reports"),
        reverse("portal:reports") + "?partnership=Partnerskap",
    ]


def representative_pages(register):
    return [
        reverse("portal:home"),
        reverse("partnerships:list"),
        reverse("finance:payments"),
        reverse("governance:dashboard"),
        reverse("portal:reports"),
    ]


def count_queries(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured)
    return counts


def test_staff_pages_cost_the_same_with_3_and_30_rows(client, administrator, register):
    client.force_login(administrator)
    register.add(3)
    few = count_queries(client, staff_pages(register))
    register.add(27)
    many = count_queries(client, staff_pages(register))
    assert many == few


def test_representative_pages_cost_the_same_with_3_and_30_rows(
    client, representative_of_register, register
):
    client.force_login(representative_of_register)
    register.add(3)
    few = count_queries(client, representative_pages(register))
    register.add(27)
    many = count_queries(client, representative_pages(register))
    assert many == few


def test_partnership_page_and_finance_overview_stay_within_their_budgets(
    client, administrator, register
):
    """Issue 11 counts every statement a page costs; here (SQLite, the test's transaction)
    the partnership page's sections share its prefetched parties and sum in unions, and the
    overview groups its payments once (finance.queue.payment_groups)."""
    client.force_login(administrator)
    register.add(3)
    urls = [
        reverse("partnerships:detail", args=[register.partnership.pk]),
        reverse("finance:overview"),
    ]
    few = count_queries(client, urls)
    register.add(27)
    assert count_queries(client, urls) == few == {urls[0]: 21, urls[1]: 14}

import datetime
from decimal import Decimal

import pytest

from finance import services as finance_services
from finance.constants import PeriodBasis
from organisations.constants import Role
from partnerships.models import Party
from portal import services
from tests.factories import (
    AppendixFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
)

BRIS_LINES = [
    ("Personal", Decimal("678833")),
    ("Material", Decimal("8000")),
    ("Mat och dryck", Decimal("15000")),
    ("Resekostnader", Decimal("10000")),
]
TODAY = datetime.date(2018, 2, 1)


def saved(user):
    """UserFactory sets the password after saving without saving again; store it so that
    force_login's session stays valid."""
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def administrator(public_body):
    return saved(MembershipFactory(organisation=public_body, role=Role.ADMINISTRATOR).user)


@pytest.fixture
def official(public_body):
    return saved(MembershipFactory(organisation=public_body, role=Role.OFFICIAL).user)


@pytest.fixture
def representative(organisation, public_body):
    return saved(
        MembershipFactory(
            organisation=organisation, role=Role.REPRESENTATIVE, body=public_body
        ).user
    )


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Rädda Barnen")


@pytest.fixture
def other_representative(other_organisation, public_body):
    return saved(
        MembershipFactory(
            organisation=other_organisation, role=Role.REPRESENTATIVE, body=public_body
        ).user
    )


@pytest.fixture
def other_administrator(other_body):
    return saved(MembershipFactory(organisation=other_body, role=Role.ADMINISTRATOR).user)


@pytest.fixture
def partnership(public_body, organisation, other_organisation):
    """Seed 001 (Bris), with a second organisation so that another party's records exist."""
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=[organisation, other_organisation],
        title="Stödgrupper för placerade barn",
        active=True,
    )
    finance_services.budget_periods_generate(
        partnership=partnership, basis=PeriodBasis.CONTRACT_YEAR
    )
    return partnership


@pytest.fixture
def periods(partnership):
    return list(partnership.budget_periods.order_by("start"))


@pytest.fixture
def party(partnership, organisation):
    return Party.objects.get(partnership=partnership, organisation=organisation)


@pytest.fixture
def other_party(partnership, other_organisation):
    return Party.objects.get(partnership=partnership, organisation=other_organisation)


@pytest.fixture
def budgets(party, other_party, periods):
    appendix = AppendixFactory(party=party, number="2.1")
    other_appendix = AppendixFactory(party=other_party, number="2.2")
    for period in periods:
        finance_services.budget_save(appendix=appendix, period=period, lines=BRIS_LINES)
        finance_services.budget_save(
            appendix=other_appendix, period=period, lines=[("Personal", Decimal("100000"))]
        )
    return appendix


@pytest.fixture
def account(budgets, party, periods, representative):
    return services.account_create(party=party, period=periods[0], user=representative)


@pytest.fixture
def other_account(budgets, other_party, periods, other_representative):
    return services.account_create(party=other_party, period=periods[0], user=other_representative)


def fill(account, user, *, deviations=None, explanations=None, unspent=None, **fields):
    """Fill every line with its budget amount (or the given deviating amount). `unspent`
    spends that much less on the first line, so that budget minus actual (the unspent money,
    computed) comes to it."""
    deviations = dict(deviations or {})
    if unspent is not None:
        first = account.lines.order_by("pk").first()
        deviations.setdefault(first.category, first.budget_amount - unspent)
    explanations = explanations or {}
    lines = {
        line.pk: (
            deviations.get(line.category, line.budget_amount),
            explanations.get(line.category, ""),
        )
        for line in account.lines.all()
    }
    return services.account_save(account=account, user=user, lines=lines, **fields)


@pytest.fixture
def submitted(account, representative):
    fill(account, representative)
    return services.account_submit(account=account, user=representative, today=TODAY)

import datetime
from decimal import Decimal

import pytest

from finance import services
from finance.constants import PeriodBasis
from organisations.constants import Role
from tests.factories import (
    AppendixFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RelationFactory,
)

BRIS_LINES = [
    ("Personal", Decimal("678833")),
    ("Material", Decimal("8000")),
    ("Mat och dryck", Decimal("15000")),
    ("Resekostnader", Decimal("10000")),
]


def saved(user):
    """UserFactory sets the password after saving and does not save again
    (skip_postgeneration_save), so force_login's session hash would not match the database
    and the client would be logged out. Save it here (reported to the lead)."""
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
def second_administrator(public_body):
    return saved(MembershipFactory(organisation=public_body, role=Role.ADMINISTRATOR).user)


@pytest.fixture
def bris(public_body, organisation):
    """Seed 001: Bris, 2017-01-01–2018-12-31, contract years (here calendar years)."""
    # The giro Stockholm recorded for Bris (its own relation).
    RelationFactory(body=public_body, organisation=organisation, bankgiro="12345674")
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=[organisation],
        title="Stödgrupper för placerade barn",
        active=True,
    )
    party = partnership.parties.get(organisation=organisation)
    AppendixFactory(party=party, number="2.1")
    services.budget_periods_generate(partnership=partnership, basis=PeriodBasis.CONTRACT_YEAR)
    return partnership


@pytest.fixture
def bris_appendix(bris, organisation):
    return bris.parties.get(organisation=organisation).appendices.get()


@pytest.fixture
def bris_budgeted(bris, bris_appendix, administrator):
    for period in bris.budget_periods.all():
        services.budget_save(
            appendix=bris_appendix, period=period, lines=BRIS_LINES, user=administrator
        )
    return bris


@pytest.fixture
def bris_scheduled(bris_budgeted, administrator):
    services.schedule_generate(partnership=bris_budgeted, user=administrator)
    return bris_budgeted


@pytest.fixture
def other_organisation(public_body):
    organisation = OrganisationFactory(name="Rädda Barnen")
    RelationFactory(body=public_body, organisation=organisation, bankgiro="90000019")
    return organisation


def make_partnership(public_body, organisations, start, end, **kwargs):
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=organisations,
        start_date=start,
        end_date=end,
        active=True,
        **kwargs,
    )
    for number, party in enumerate(partnership.parties.filter(is_public=False), start=1):
        AppendixFactory(party=party, number=f"2.{number}")
    return partnership


def appendix_of(partnership, organisation):
    return partnership.parties.get(organisation=organisation).appendices.get()


D = datetime.date

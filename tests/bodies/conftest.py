"""Two bodies, always: Stockholm and Uppsala, each with its administrators, an official and a
scheduled partnership with Bris, so every test can compare what each body's settings do."""

import datetime
import io
from decimal import Decimal

import pytest
from PIL import Image

from finance import services as finance
from finance.constants import PeriodBasis
from organisations.constants import Role
from tests.factories import (
    AppendixFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    RelationFactory,
    SignatoryFactory,
)

LINES = [("Personal", Decimal("100000")), ("Material", Decimal("10000"))]


def saved(user):
    """The factory's password is set after saving (see tests/finance/conftest.py)."""
    user.save(update_fields=["password"])
    return user


def staff(body, role=Role.ADMINISTRATOR):
    return saved(MembershipFactory(organisation=body, role=role).user)


def png_bytes(size=(40, 20), colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def bris(db):
    return OrganisationFactory(name="Bris", city="Stockholm")


@pytest.fixture
def stockholm(db):
    return OrganisationFactory(public=True, name="Stockholms stad", city="Stockholm")


@pytest.fixture
def uppsala(db):
    return OrganisationFactory(public=True, name="Uppsala kommun", city="Uppsala")


@pytest.fixture
def stockholm_admin(stockholm):
    return staff(stockholm)


@pytest.fixture
def uppsala_admin(uppsala):
    return staff(uppsala)


def scheduled_partnership(body, organisation, administrator, **fields):
    partnership = PartnershipFactory(
        public_body=body,
        organisations=[organisation],
        start_date=datetime.date(2017, 1, 1),
        end_date=datetime.date(2018, 12, 31),
        active=True,
        **fields,
    )
    # The giro this body recorded for the organisation (its own relation).
    RelationFactory(body=body, organisation=organisation, bankgiro="12345674")
    party = partnership.parties.get(organisation=organisation)
    appendix = AppendixFactory(party=party, number="2.1")
    finance.budget_periods_generate(partnership=partnership, basis=PeriodBasis.CONTRACT_YEAR)
    for period in partnership.budget_periods.all():
        finance.budget_save(appendix=appendix, period=period, lines=LINES, user=administrator)
    finance.schedule_generate(partnership=partnership, user=administrator)
    return partnership


@pytest.fixture
def stockholm_bris(stockholm, bris, stockholm_admin):
    return scheduled_partnership(
        stockholm, bris, stockholm_admin, title="Stödgrupper i Stockholm", decided_on=None
    )


@pytest.fixture
def uppsala_bris(uppsala, bris, uppsala_admin):
    return scheduled_partnership(uppsala, bris, uppsala_admin, title="Stödgrupper i Uppsala")


@pytest.fixture
def signatories(stockholm, uppsala, bris):
    # Bris gave both bodies the same signatory (each body's relation holds its own copy).
    for body in (stockholm, uppsala):
        SignatoryFactory(
            relation__body=body,
            relation__organisation=bris,
            name="Magnus Jägerskog",
            title="Generalsekreterare",
        )

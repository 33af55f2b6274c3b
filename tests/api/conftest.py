# ruff: noqa: F811 - the finance fixtures are imported to be used as fixtures here
"""Two bodies, each with a partnership, budgets and payments, and tokens of each body."""

import pytest

from api.constants import TokenScope
from api.services import token_create
from finance import services as finance
from organisations.constants import Role
from tests.factories import (
    MembershipFactory,
    PartnershipFactory,
    RelationFactory,
)
from tests.finance.conftest import (  # noqa: F401 - fixtures reused from the finance tests
    BRIS_LINES,
    administrator,
    bris,
    bris_appendix,
    bris_budgeted,
    saved,
    second_administrator,
)


@pytest.fixture
def scheduled(bris_budgeted, administrator):
    finance.schedule_generate(partnership=bris_budgeted, user=administrator)
    return bris_budgeted


@pytest.fixture
def approved_payment(scheduled, second_administrator):
    payment = scheduled.payments.order_by("due_date").first()
    return finance.payment_approve(payment=payment, user=second_administrator)


@pytest.fixture
def other_partnership(other_body):
    """Uppsala's partnership with an organisation Stockholm has no partnership with."""
    outsider = RelationFactory(
        body=other_body,
        organisation__name="Uppsala stadsmission",
        contact_email="kontakt@example.org",
        bankgiro="56781234",
    ).organisation
    return PartnershipFactory(public_body=other_body, organisations=[outsider], active=True)


def _token(body, user, scope):
    token, raw = token_create(body=body, name="Ekonomisystemet", scope=scope, user=user)
    return token, raw


@pytest.fixture
def read_token(public_body, administrator):
    return _token(public_body, administrator, TokenScope.READ)


@pytest.fixture
def finance_token(public_body, administrator):
    return _token(public_body, administrator, TokenScope.FINANCE_WRITE)


@pytest.fixture
def other_admin(other_body):
    return saved(MembershipFactory(organisation=other_body, role=Role.ADMINISTRATOR).user)


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

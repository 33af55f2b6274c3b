"""A signed, frozen agreement cannot change through the partnership or finance services
until an amendment is started."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from finance.models import Budget, BudgetPeriod
from finance.services.budgets import budget_save
from finance.services.terms import terms_update
from partnerships.models import Appendix
from partnerships.services import appendix_replace, partnership_update, party_add
from reporting.services import agreements
from tests.factories import OrganisationFactory

from .conftest import sign_all

pytestmark = pytest.mark.django_db

FROZEN = (
    "Avtalet är undertecknat av alla parter och låst. "
    "Starta en ändring och tillägg för att ändra det."
)


@pytest.fixture
def frozen_eu(eu, official):
    sign_all(agreements.agreement_version_create(partnership=eu, user=official), official)
    return eu


def _messages(exc_info):
    return exc_info.value.messages


def test_partnership_fields_and_parties_are_locked(frozen_eu):
    with pytest.raises(ValidationError) as exc:
        partnership_update(partnership=frozen_eu, title="Ett annat namn")
    assert _messages(exc) == [FROZEN]
    with pytest.raises(ValidationError):
        party_add(
            partnership=frozen_eu,
            organisation=OrganisationFactory(),
            joined_on=datetime.date(2018, 1, 1),
        )
    frozen_eu.refresh_from_db()
    assert frozen_eu.title != "Ett annat namn"
    assert frozen_eu.parties.count() == 6


def test_appendices_budgets_and_payment_terms_are_locked(frozen_eu):
    appendix = Appendix.objects.filter(party__partnership=frozen_eu, status="current").first()
    with pytest.raises(ValidationError):
        appendix_replace(
            appendix=appendix, commitments="Nytt", valid_from=datetime.date(2018, 1, 1)
        )
    budget = Budget.objects.filter(appendix__party__partnership=frozen_eu).first()
    with pytest.raises(ValidationError):
        budget_save(
            appendix=budget.appendix,
            period=budget.period,
            lines=[("Personal", Decimal("1"))],
        )
    with pytest.raises(ValidationError):
        terms_update(partnership=frozen_eu, notice_months=6)


def test_an_amendment_opens_the_agreement_for_changes(frozen_eu, official):
    agreements.amendment_start(partnership=frozen_eu, user=official)
    partnership_update(partnership=frozen_eu, title="Humanitärt stöd, ändrat")
    frozen_eu.refresh_from_db()
    assert frozen_eu.title == "Humanitärt stöd, ändrat"
    assert BudgetPeriod.objects.filter(partnership=frozen_eu).exists()

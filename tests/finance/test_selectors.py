"""The finance page's budget grid, read in a fixed number of queries."""

from decimal import Decimal

import pytest

from finance import services
from finance.selectors import budget_grid
from tests.factories import AppendixFactory, OrganisationFactory

from .conftest import BRIS_LINES

pytestmark = pytest.mark.django_db


def test_the_grid_has_a_row_per_period_and_a_cell_per_party(bris_budgeted, organisation):
    grid = budget_grid(partnership=bris_budgeted)
    assert [row.period for row in grid] == list(bris_budgeted.budget_periods.all())
    cells = {cell.party.organisation.name: cell for cell in grid[0].cells}
    assert set(cells) == {bris_budgeted.public_body.name, organisation.name}
    bris = cells[organisation.name]
    assert bris.appendix.number == "2.1"
    assert bris.budget.total == sum(amount for _category, amount in BRIS_LINES)
    assert [line.category for line in bris.budget.lines.all()] == [c for c, _a in BRIS_LINES]
    assert cells[bris_budgeted.public_body.name].budget is None


def test_a_representative_sees_only_their_organisations_cells(
    bris_budgeted, organisation, other_organisation
):
    party = bris_budgeted.parties.create(
        organisation=other_organisation, joined_on=bris_budgeted.start_date
    )
    AppendixFactory(party=party, number="2.2")
    grid = budget_grid(partnership=bris_budgeted, organisation_ids=frozenset({organisation.pk}))
    assert {cell.party.organisation_id for row in grid for cell in row.cells} == {organisation.pk}


def test_the_grid_takes_the_same_queries_for_many_parties(
    bris_budgeted, django_assert_num_queries, administrator
):
    # Parties, their appendices, periods, budgets, their lines, co-financing.
    with django_assert_num_queries(6):
        budget_grid(partnership=bris_budgeted)
    for index in range(5):
        party = bris_budgeted.parties.create(
            organisation=OrganisationFactory(),
            joined_on=bris_budgeted.start_date,
        )
        appendix = AppendixFactory(party=party, number=f"2.{index + 2}")
        for period in bris_budgeted.budget_periods.all():
            services.budget_save(
                appendix=appendix,
                period=period,
                lines=[("Personal", Decimal("1000"))],
                user=administrator,
            )
    with django_assert_num_queries(6):
        budget_grid(partnership=bris_budgeted)

"""No lost updates (issue 12, point 7) on the payment terms, a budget with its lines and the
co-financing: two administrators open the form, both save; the second is refused, keeps what
they typed and lists what changed meanwhile. The services refuse it too."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance import services
from finance.models import Budget, CoFinancing, FinanceTerms
from tests.edit_conflicts import STALE, assert_refused, both_save, client_for, form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(administrator, second_administrator):
    return client_for(administrator), client_for(second_administrator)


def test_the_second_terms_save_is_refused(two, bris):
    url = reverse("finance:terms", args=[bris.pk])
    response = both_save(*two, url, {"notice_months": "6"}, {"days_in_advance": "20"})
    assert_refused(response, changes=["Uppsägningstid (månader): 3 → 6"], kept=['value="20"'])
    terms = FinanceTerms.objects.get(partnership=bris)
    assert terms.notice_months == 6 and terms.days_in_advance != 20
    assert two[1].post(url, form_values(response)).status_code == 302
    terms.refresh_from_db()
    assert (terms.notice_months, terms.days_in_advance) == (3, 20)


def test_the_second_budget_save_is_refused_with_the_line_that_changed(two, bris_budgeted):
    appendix = bris_budgeted.parties.get(is_public=False).appendices.get()
    period = bris_budgeted.budget_periods.order_by("start").first()
    url = reverse("finance:budget", args=[bris_budgeted.pk, appendix.pk, period.pk])
    response = both_save(
        *two,
        url,
        {"lines-1-amount": "9000", "total": ""},
        {"lines-2-amount": "16000", "total": ""},
    )
    assert_refused(
        response,
        changes=["Budgetposter, rad 2, belopp (kr): 8\u00a0000 → 9\u00a0000"],
        kept=['value="16000"'],
    )
    budget = Budget.objects.get(appendix=appendix, period=period)
    amounts = list(budget.lines.order_by("pk").values_list("amount", flat=True))
    assert amounts[1:3] == [Decimal("9000"), Decimal("15000")]


def test_the_second_cofinancing_save_is_refused(two, bris, organisation):
    party = bris.parties.get(organisation=organisation)
    period = bris.budget_periods.order_by("start").first()
    services.cofinancing_save(party=party, period=period, amount=Decimal("5000"))
    url = reverse("finance:co_financing", args=[bris.pk, party.pk, period.pk])
    response = both_save(*two, url, {"amount": "6000"}, {"in_kind": "Lokaler"})
    assert_refused(response, changes=["5\u00a0000 → 6\u00a0000"], kept=["Lokaler"])
    assert CoFinancing.objects.get(party=party, period=period).in_kind == ""


def test_a_budget_made_meanwhile_refuses_the_save_that_did_not_see_it(bris, bris_appendix):
    period = bris.budget_periods.order_by("start").first()
    version = services.BUDGET_VERSION.version(None)
    services.budget_save(appendix=bris_appendix, period=period, lines=[("Hyra", Decimal("100"))])
    with pytest.raises(ValidationError) as refused:
        services.budget_save(
            appendix=bris_appendix,
            period=period,
            lines=[("Personal", Decimal("200"))],
            version=version,
        )
    text = " ".join(refused.value.messages)
    assert STALE in text and "Budgetposter, rad 1: tillagd (Hyra, 100)" in text
    assert Budget.objects.get(appendix=bris_appendix, period=period).total == Decimal("100")

"""Table forms: error summaries that link to their fields, error ids that exist, amounts the
Swedish way in the inputs and back."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from finance.models import Budget

from .test_views import BRIS_POST, budget_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget_url(bris, bris_appendix):
    period = bris.budget_periods.first()
    return reverse("finance:budget", args=[bris.pk, bris_appendix.pk, period.pk])


def test_a_bad_budget_line_is_summarised_linked_and_announced(administrator_client, budget_url):
    lines = [*BRIS_POST[:1], ("Material", "åtta tusen")]
    response = administrator_client.post(budget_url, budget_post(lines, total="711833"))
    assert response.status_code == 200
    page = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith("Fel: ")
    start = page.index("data-error-summary")
    summary = page[start : page.index("</div>", start)]
    assert 'href="#id_lines-1-amount"' in summary
    assert "Rad 2" in summary
    # The input points at its error text, and that text exists under that id.
    field = re.search(r'<input[^>]*id="id_lines-1-amount"[^>]*>', page).group(0)
    described = re.search(r'aria-describedby="([^"]+)"', field).group(1)
    for target in described.split():
        assert f'id="{target}"' in page
    assert 'aria-invalid="true"' in field
    assert 'value="åtta tusen"' in field  # what the user typed is kept


def test_saved_amounts_come_back_in_swedish_form_and_are_accepted_as_such(
    administrator_client, budget_url
):
    administrator_client.post(budget_url, budget_post(BRIS_POST, total="711833"))
    page = administrator_client.get(budget_url).content.decode()
    assert 'value="678 833,00"' in page
    assert "678833.00" not in page
    # Sent back unchanged, the form is accepted and nothing changes.
    lines = [("Personal", "678 833,00"), ("Material", "8 000,00"), *BRIS_POST[2:]]
    response = administrator_client.post(budget_url, budget_post(lines, total="711 833,00"))
    assert response.status_code == 302
    assert Budget.objects.get().total == Decimal("711833")


def test_the_empty_choice_says_choose(administrator_client, bris):
    page = administrator_client.get(reverse("finance:other_income", args=[bris.pk])).content
    page = page.decode()
    assert "---------" not in page
    assert "Välj …" in page

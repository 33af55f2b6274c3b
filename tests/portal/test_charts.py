"""Charts of the portal: people reached per year (small figures masked) and budget against
actual cost. Each chart is SVG with a title, a text alternative and the figures as a table."""

import re

import pytest
from django.urls import reverse

from portal import services

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _report(partnership, period, organisation, user, women, men):
    report = services.report_create(
        partnership=partnership,
        period=period,
        kind="half_year",
        organisation=organisation,
        user=user,
        figures=[("gender", "woman", women), ("gender", "man", men)],
    )
    services.report_submit(report=report, user=user, today=TODAY)
    return report


def _chart(page: str) -> str:
    start = page.index('<figure class="chart"')
    return page[start : page.index("</figure>", start)]


def test_people_reached_per_year_is_a_chart_with_a_table(
    client, administrator, partnership, periods, organisation, representative
):
    _report(partnership, periods[0], organisation, representative, 9, 8)
    client.force_login(administrator)
    chart = _chart(client.get(reverse("portal:reports")).content.decode())
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert "Antal personer som nåtts per år" in chart
    year = str(periods[0].start.year)
    assert re.search(rf"<th scope=\"row\">{year}</th><td class=\"num\">17</td>", chart)


def test_a_year_with_fewer_than_five_is_masked_outside_the_organisation(
    client, administrator, partnership, periods, organisation, representative
):
    _report(partnership, periods[0], organisation, representative, 2, 1)
    client.force_login(administrator)
    chart = _chart(client.get(reverse("portal:reports")).content.decode())
    assert "&lt;5" in chart
    assert ">3<" not in chart
    client.force_login(representative)
    chart = _chart(client.get(reverse("portal:reports")).content.decode())
    assert ">3<" in chart

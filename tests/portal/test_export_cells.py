"""A representative's text that looks like a formula reaches the staff's CSV as text."""

import csv

import pytest
from django.urls import reverse

from portal import services

pytestmark = pytest.mark.django_db


def test_a_formula_in_a_report_is_neutralised_in_the_csv(
    client, administrator, partnership, periods, organisation, representative
):
    report = services.report_create(
        partnership=partnership,
        period=periods[0],
        kind="half_year",
        organisation=organisation,
        user=representative,
        figures=[("country", '=HYPERLINK("https://evil.example","Sverige")', 15)],
        feedback_count=0,
        complaints_count=0,
        narrative="",
    )
    client.force_login(administrator)

    response = client.get(reverse("portal:reports_csv") + f"?report={report.pk}")

    rows = list(csv.reader(response.content.decode("utf-8-sig").splitlines(), delimiter=";"))
    country = next(row for row in rows if row[4] == "country")
    assert country[5] == '\'=HYPERLINK("https://evil.example","Sverige")'

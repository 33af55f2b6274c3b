"""An organisation whose name looks like a formula reaches the finance system's file as text."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from finance import services

pytestmark = pytest.mark.django_db

NAME = "=cmd|' /C calc'!A0"


def test_payment_exports_neutralise_formulas(
    administrator_client, bris_scheduled, second_administrator, organisation
):
    organisation.name = NAME
    organisation.save()
    payment = bris_scheduled.payments.order_by("covers_from").first()
    services.payment_approve(payment=payment, user=second_administrator)

    text = administrator_client.get(reverse("finance:payments_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    assert "'" + NAME in rows[1]
    assert NAME not in rows[1]

    xlsx = administrator_client.get(reverse("finance:payments_export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    cells = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert "'" + NAME in cells
    assert all(not (isinstance(c, str) and c.startswith("=")) for c in cells)

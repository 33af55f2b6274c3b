"""Issue 12, point 1: ending a partnership lists what it leaves behind: the planned payments
that stop and the accounts and reports still due."""

import pytest
from django.urls import reverse

from partnerships.constants import Status
from tests.governance.conftest import log_in

pytestmark = pytest.mark.django_db


def test_the_confirmation_lists_payments_that_stop_and_what_is_due(
    client, bris_scheduled, administrator
):
    log_in(client, administrator)
    open_payments = bris_scheduled.payments.filter(status="planned").count()
    response = client.post(
        reverse("partnerships:transition", args=[bris_scheduled.pk]),
        {"to_status": "terminated", "note": "Tvist"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"{open_payments} planerade betalningar upphör" in page
    first = bris_scheduled.payments.order_by("due_date").first()
    assert reverse("finance:payment", args=[first.pk]) in page
    assert "redovisningar och rapporter återstår att lämna in" in page
    bris_scheduled.refresh_from_db()
    assert bris_scheduled.status == Status.ACTIVE

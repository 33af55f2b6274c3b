"""Issue 12, point 1: ending a partnership lists what it leaves behind: the planned payments
that stop and the accounts and reports still due; terminating has one path, finance's
termination (the status form sends the user there)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance.constants import PaymentStatus
from partnerships import services as partnership_services
from partnerships.constants import Status
from partnerships.models import StatusChange
from tests.governance.conftest import log_in

pytestmark = pytest.mark.django_db


def test_the_confirmation_lists_payments_that_stop_and_what_is_due(
    client, bris_scheduled, administrator
):
    log_in(client, administrator)
    open_payments = bris_scheduled.payments.filter(status="planned").count()
    response = client.post(
        reverse("partnerships:transition", args=[bris_scheduled.pk]),
        {"to_status": "ended", "note": "Avtalstiden är slut"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f"{open_payments} planerade betalningar upphör" in page
    first = bris_scheduled.payments.order_by("due_date").first()
    assert reverse("finance:payment", args=[first.pk]) in page
    assert "redovisningar och rapporter återstår att lämna in" in page
    bris_scheduled.refresh_from_db()
    assert bris_scheduled.status == Status.ACTIVE


def test_terminated_on_the_status_form_goes_to_the_termination(
    client, bris_scheduled, administrator
):
    log_in(client, administrator)
    response = client.post(
        reverse("partnerships:transition", args=[bris_scheduled.pk]),
        {"to_status": "terminated", "note": "Tvist", "confirm": "1"},
    )
    terminate = reverse("finance:terminate", args=[bris_scheduled.pk])
    assert response.status_code == 302 and response["Location"] == terminate
    bris_scheduled.refresh_from_db()
    assert bris_scheduled.status == Status.ACTIVE
    assert not StatusChange.objects.exists()
    assert not bris_scheduled.payments.filter(status=PaymentStatus.STOPPED).exists()
    # The service refuses it too: only the termination makes a partnership "terminated".
    with pytest.raises(ValidationError) as exc:
        partnership_services.partnership_transition(
            partnership=bris_scheduled, to_status=Status.TERMINATED, user=administrator, note="x"
        )
    assert "sägs upp bara genom uppsägningen under Ekonomi" in " ".join(
        exc.value.message_dict["to_status"]
    )
    # The termination, the one path: payments stop and the partnership is "terminated".
    response = client.post(
        terminate, {"party": "", "date": "2017-05-15", "reason": "Tvist", "confirm": "1"}
    )
    assert response.status_code == 302
    bris_scheduled.refresh_from_db()
    assert bris_scheduled.status == Status.TERMINATED
    assert StatusChange.objects.get().to_status == Status.TERMINATED
    assert bris_scheduled.payments.filter(status=PaymentStatus.STOPPED).exists()


def test_the_termination_preview_lists_the_accounts_still_due(
    client, bris_scheduled, administrator
):
    """Terminating (the whole partnership or one party) shows, beside the payments it stops,
    the annual accounts and reports still to be handed in; confirming is still a second step."""
    log_in(client, administrator)
    terminate = reverse("finance:terminate", args=[bris_scheduled.pk])
    response = client.post(terminate, {"party": "", "date": "2017-05-15", "reason": "Tvist"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "redovisningar och rapporter återstår att lämna in" in page
    due = page.split("redovisningar och rapporter återstår att lämna in")[1]
    assert "Ekonomisk redovisning" in due and "Verksamhetsrapport för året" in due
    bris_scheduled.refresh_from_db()
    assert bris_scheduled.status == Status.ACTIVE

    party = bris_scheduled.parties.filter(is_public=False).first()
    response = client.post(
        terminate, {"party": str(party.pk), "date": "2017-05-15", "reason": "Tvist"}
    )
    page = response.content.decode()
    assert "redovisningar och rapporter återstår att lämna in" in page
    # One party's part: its own annual accounts, not the partnership's activity reports.
    due = page.split("redovisningar och rapporter återstår att lämna in")[1]
    assert f"Ekonomisk redovisning 2017, {party.organisation.name}" in due
    assert "Verksamhetsrapport" not in due

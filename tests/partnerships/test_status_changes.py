"""Issue 12, point 1: the status form starts with no choice; "signed" comes only from the
agreement; "active" only from signed, on or after the start date; a final status is
confirmed with a reason; a decision after the period's start is allowed and said so."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.constants import Status
from partnerships.models import Partnership, StatusChange
from tests.factories import OrganisationFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def text(response):
    return response.content.decode()


def set_status(partnership, status, **fields):
    Partnership.objects.filter(pk=partnership.pk).update(status=status, **fields)
    partnership.refresh_from_db()


def test_the_form_starts_with_no_choice(admin_client_, partnership):
    set_status(partnership, Status.ACTIVE)
    page = text(admin_client_.get(reverse("partnerships:detail", args=[partnership.pk])))
    assert '<option value="" selected>Välj ny status</option>' in page
    assert '<option value="ended">' in page
    response = admin_client_.post(reverse("partnerships:transition", args=[partnership.pk]), {})
    assert "Detta fält måste fyllas i." in text(response)
    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE


def test_signed_is_not_offered_and_refused_by_hand(admin_client_, partnership):
    set_status(partnership, Status.DECIDED, decided_on=D(2016, 12, 15), decision_paragraph="§ 1")
    page = text(admin_client_.get(reverse("partnerships:detail", args=[partnership.pk])))
    assert '<option value="signed">' not in page
    assert "avtal som undertecknades på papper" in page
    response = admin_client_.post(
        reverse("partnerships:transition", args=[partnership.pk]), {"to_status": "signed"}
    )
    assert "blir ”Undertecknat” först när den sista parten undertecknar" in text(response)
    partnership.refresh_from_db()
    assert partnership.status == Status.DECIDED
    assert not StatusChange.objects.exists()


def test_active_only_on_or_after_the_start_date():
    today = timezone.localdate()
    partnership = PartnershipFactory(
        status=Status.SIGNED,
        start_date=today + datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=400),
        organisations=[OrganisationFactory()],
    )
    user = UserFactory()
    with pytest.raises(ValidationError) as exc:
        services.partnership_transition(partnership=partnership, to_status="active", user=user)
    assert "tidigast på sitt startdatum" in " ".join(exc.value.message_dict["to_status"])
    set_status(partnership, Status.SIGNED, start_date=today)
    services.partnership_transition(partnership=partnership, to_status="active", user=user)
    assert partnership.status == Status.ACTIVE


def test_ending_asks_for_confirmation_and_a_reason(admin_client_, partnership):
    set_status(partnership, Status.ACTIVE)
    url = reverse("partnerships:transition", args=[partnership.pk])
    response = admin_client_.post(url, {"to_status": "ended", "note": "Perioden är slut"})
    page = text(response)
    assert response.status_code == 200
    assert "Ändra status till ”Avslutat”?" in page
    assert "Perioden är slut" in page  # what was typed is kept
    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE
    response = admin_client_.post(url, {"to_status": "ended", "note": " ", "confirm": "1"})
    assert response.status_code == 400
    assert "Ange skälet till att partnerskapet avslutas." in text(response)
    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE
    response = admin_client_.post(
        url, {"to_status": "ended", "note": "Perioden är slut", "confirm": "1"}
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == Status.ENDED
    assert StatusChange.objects.get().note == "Perioden är slut"


def test_a_decision_after_the_start_is_allowed_and_shown(admin_client_, partnership):
    set_status(partnership, Status.PROPOSED)
    response = admin_client_.post(
        reverse("partnerships:transition", args=[partnership.pk]),
        {"to_status": "decided", "decided_on": "2017-02-10", "decision_paragraph": "§ 3"},
    )
    assert response.status_code == 302
    page = text(admin_client_.get(reverse("partnerships:detail", args=[partnership.pk])))
    assert "beslutat efter att perioden började 2017-01-01" in page


def test_another_bodys_partnership_is_a_404(client, other_administrator, partnership):
    set_status(partnership, Status.ACTIVE)
    client.force_login(other_administrator)
    response = client.post(
        reverse("partnerships:transition", args=[partnership.pk]),
        {"to_status": "ended", "note": "x", "confirm": "1"},
    )
    assert response.status_code == 404
    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE

"""A giro change is not trusted on one word (issue 9.2): it waits for a second administrator
of the same body; until then payments keep the old number, and a payment keeps the giro it
was approved with."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance import services as finance
from finance.constants import PaymentStatus
from organisations.constants import GiroChangeStatus, Role
from organisations.models import GiroChange
from organisations.services import giro_change_confirm, relation_update
from tests.factories import MembershipFactory, PartnershipFactory, RelationFactory

from .conftest import log_in, relation_data

pytestmark = pytest.mark.django_db

OWN = "Du föreslog ändringen: en annan administratör hos den offentliga aktören måste bekräfta den."


@pytest.fixture
def second_administrator(public_body):
    return MembershipFactory(organisation=public_body, role=Role.ADMINISTRATOR).user


@pytest.fixture
def uppsala_relation(other_body, mission):
    PartnershipFactory(public_body=other_body, organisations=[mission])
    return RelationFactory(body=other_body, organisation=mission, bankgiro="11100005")


@pytest.fixture
def proposed(client, administrator, public_body, mission):
    """Stockholm's administrator proposes a new bankgiro for Stadsmissionen."""
    PartnershipFactory(public_body=public_body, organisations=[mission])
    relation = RelationFactory(body=public_body, organisation=mission, bankgiro="50501055")
    url = reverse("organisations:relation_update", args=[mission.pk, public_body.pk])
    response = log_in(client, administrator).post(url, relation_data(bankgiro="2220-0000"))
    assert response.status_code == 302
    return relation.giro_changes.pending().get()


def test_a_proposal_changes_nothing_until_a_second_administrator_confirms(
    client, proposed, administrator, second_administrator, public_body
):
    relation = proposed.relation
    relation.refresh_from_db()
    assert relation.bankgiro == "50501055"
    page = client.get(reverse("organisations:giro_change", args=[proposed.pk]))
    assert OWN in page.content.decode()
    assert 'value="confirm"' not in page.content.decode()
    # The proposer cannot confirm, even by posting the button's value.
    response = client.post(
        reverse("organisations:giro_change", args=[proposed.pk]), {"action": "confirm"}
    )
    assert OWN in response.content.decode()
    relation.refresh_from_db()
    proposed.refresh_from_db()
    assert (relation.bankgiro, proposed.status) == ("50501055", GiroChangeStatus.PENDING)

    dashboard = log_in(client, second_administrator).get(reverse("governance:dashboard"))
    html = dashboard.content.decode()
    assert "Gironummer som väntar på bekräftelse" in html
    assert "BG 5050-1055" in html and "BG 2220-0000" in html
    response = client.post(
        reverse("organisations:giro_change", args=[proposed.pk]), {"action": "confirm"}
    )
    assert response.status_code == 302
    relation.refresh_from_db()
    proposed.refresh_from_db()
    assert (relation.bankgiro, proposed.status) == ("22200000", GiroChangeStatus.CONFIRMED)
    assert proposed.decided_by == second_administrator


def test_planned_payments_keep_the_old_giro_and_an_approved_payment_keeps_its_own(
    public_body, organisation, administrator, second_administrator
):
    from finance.constants import PeriodBasis
    from tests.factories import AppendixFactory
    from tests.finance.conftest import BRIS_LINES

    relation = RelationFactory(body=public_body, organisation=organisation, bankgiro="12345674")
    partnership = PartnershipFactory(
        public_body=public_body, organisations=[organisation], active=True
    )
    appendix = AppendixFactory(party=partnership.parties.get(organisation=organisation))
    finance.budget_periods_generate(partnership=partnership, basis=PeriodBasis.CONTRACT_YEAR)
    for period in partnership.budget_periods.all():
        finance.budget_save(appendix=appendix, period=period, lines=BRIS_LINES)
    finance.schedule_generate(partnership=partnership, user=administrator)

    relation_update(
        body=public_body, organisation=organisation, bankgiro="2220-0000", user=administrator
    )
    finance.schedule_generate(partnership=partnership, user=administrator)
    assert set(partnership.payments.values_list("bankgiro", flat=True)) == {"12345674"}

    first = partnership.payments.order_by("due_date").first()
    first.status = PaymentStatus.APPROVED  # as approved before the change was confirmed
    first.save(update_fields=["status"])
    # A pending change is not what a payment is approved with.
    second = partnership.payments.order_by("due_date")[1]
    finance.payment_approve(payment=second, user=second_administrator)
    second.refresh_from_db()
    assert second.bankgiro == "12345674"

    giro_change_confirm(change=relation.giro_changes.pending().get(), user=second_administrator)
    finance.schedule_generate(partnership=partnership, user=administrator)
    # Approved payments keep the giro they were approved with.
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.bankgiro, second.bankgiro) == ("12345674", "12345674")
    # A payment approved from now on is approved with the confirmed number, and keeps it.
    third = partnership.payments.filter(status=PaymentStatus.PLANNED).order_by("due_date")[0]
    finance.payment_approve(payment=third, user=second_administrator)
    third.refresh_from_db()
    assert third.bankgiro == "22200000"
    # Planned payments of a period nothing is approved in yet are made with the new number.
    untouched = partnership.payments.filter(
        status=PaymentStatus.PLANNED, period=partnership.budget_periods.last()
    )
    assert set(untouched.values_list("bankgiro", flat=True)) == {"22200000"}


def test_another_bodys_change_is_a_404_and_an_official_may_not_confirm(
    client, proposed, other_administrator, official, uppsala_relation
):
    url = reverse("organisations:giro_change", args=[proposed.pk])
    log_in(client, other_administrator)
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "confirm"}).status_code == 404
    html = client.get(reverse("governance:dashboard")).content.decode()
    assert "Gironummer som väntar på bekräftelse" not in html
    log_in(client, official)
    assert client.post(url, {"action": "confirm"}).status_code == 403
    proposed.refresh_from_db()
    proposed.relation.refresh_from_db()
    assert proposed.status == GiroChangeStatus.PENDING
    assert proposed.relation.bankgiro == "50501055"
    uppsala_relation.refresh_from_db()
    assert uppsala_relation.bankgiro == "11100005"


def test_a_new_proposal_replaces_the_pending_one_and_withdrawing_keeps_the_number(
    client, proposed, administrator, second_administrator, public_body, mission
):
    relation_update(
        body=public_body, organisation=mission, bankgiro="3330-0005", user=administrator
    )
    assert GiroChange.objects.filter(status=GiroChangeStatus.WITHDRAWN).count() == 1
    pending = GiroChange.objects.pending().get()
    assert pending.bankgiro == "33300005"
    with pytest.raises(ValidationError):
        giro_change_confirm(change=pending, user=administrator)
    log_in(client, second_administrator).post(
        reverse("organisations:giro_change", args=[pending.pk]), {"action": "withdraw"}
    )
    pending.refresh_from_db()
    pending.relation.refresh_from_db()
    assert pending.status == GiroChangeStatus.WITHDRAWN
    assert pending.relation.bankgiro == "50501055"

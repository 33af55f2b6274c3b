"""The approval queue on /finance/ lists only the payments that can be approved or paid now,
by the same rule as finance.services.payments.payment_refusal; those the agreement holds back
(not signed yet, or ended) are not listed, and the queue says how many there are."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance import services
from finance.constants import PaymentStatus
from finance.models import Payment
from finance.queue import queue_payments
from finance.services.payments import payment_refusal
from organisations.constants import Role, Sector
from partnerships.constants import Status
from partnerships.models import Partnership
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import D, make_partnership, saved
from .test_payments_follow_the_agreement import DECISION

pytestmark = pytest.mark.django_db
OVERVIEW = reverse("finance:overview")


def set_status(partnership, status):
    Partnership.objects.filter(pk=partnership.pk).update(status=status)
    partnership.refresh_from_db()


def schedule(partnership, administrator):
    services.budget_periods_generate(partnership=partnership, basis="contract_year")
    for party in partnership.parties.filter(is_public=False):
        appendix = party.appendices.get()
        for period in partnership.budget_periods.all():
            services.budget_save(
                appendix=appendix,
                period=period,
                lines=[("Personal", Decimal("12000"))],
                user=administrator,
            )
    services.schedule_generate(partnership=partnership, user=administrator)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PROPOSED, Status.DECIDED, Status.ENDED])
def test_held_back_payments_are_not_listed_and_counted(
    client, bris_scheduled, second_administrator, status
):
    set_status(bris_scheduled, status)
    client.force_login(second_administrator)
    page = client.get(OVERVIEW).content.decode()
    first = bris_scheduled.payments.order_by("due_date").first()
    assert f'id="queue-payment-{first.pk}"' not in page
    queue = page.split('aria-labelledby="queue"')[1].split("</section>")[0]
    assert reverse("finance:payment", args=[first.pk]) not in queue
    assert "Inget väntar" in queue
    count = bris_scheduled.payments.count()
    assert f"Ytterligare {count} utbetalningar visas inte här" in page


def test_the_queue_is_exactly_what_payment_refusal_allows(
    client,
    public_body,
    organisation,
    other_organisation,
    bris_scheduled,
    administrator,
    second_administrator,
):
    """Signed, decided with one payment allowed by a decision, terminated (keeps some),
    ended: the listed payments are exactly those without a refusal."""
    decided = make_partnership(
        public_body, [other_organisation], D(2017, 1, 1), D(2018, 12, 31), title="Beslutat"
    )
    schedule(decided, administrator)
    set_status(decided, Status.DECIDED)
    allowed = decided.payments.order_by("due_date").first()
    services.payment_allow(payment=allowed, user=administrator, **DECISION)
    ended = make_partnership(
        public_body, [other_organisation], D(2017, 1, 1), D(2018, 12, 31), title="Avslutat"
    )
    schedule(ended, administrator)
    set_status(ended, Status.ENDED)
    terminated = make_partnership(
        public_body, [other_organisation], D(2017, 1, 1), D(2018, 12, 31), title="Uppsagt"
    )
    schedule(terminated, administrator)
    services.termination_apply(
        partnership=terminated, date=D(2017, 5, 15), reason="Tvist", user=administrator
    )
    planned = Payment.objects.filter(status=PaymentStatus.PLANNED).select_related("partnership")
    expected = {payment.pk for payment in planned if payment_refusal(payment) is None}
    listed = set(
        queue_payments(user=second_administrator, status=PaymentStatus.PLANNED).values_list(
            "pk", flat=True
        )
    )
    assert listed == expected
    assert allowed.pk in listed
    assert not listed & set(ended.payments.values_list("pk", flat=True))
    assert listed & set(terminated.payments.values_list("pk", flat=True))
    assert not set(decided.payments.exclude(pk=allowed.pk).values_list("pk", flat=True)) & listed
    # Every listed payment is approved by the bulk action (nothing listed is refused).
    moved = services.payments_bulk(
        payments=list(Payment.objects.filter(pk__in=listed)),
        action="approve",
        user=second_administrator,
    )
    assert len(moved) == len(listed)


def test_the_other_body_sees_neither_list_nor_count(client, bris_scheduled, public_body):
    other_body = OrganisationFactory(sector=Sector.PUBLIC, name="Göteborgs stad")
    other_admin = saved(MembershipFactory(organisation=other_body, role=Role.ADMINISTRATOR).user)
    set_status(bris_scheduled, Status.DECIDED)
    client.force_login(other_admin)
    page = client.get(OVERVIEW).content.decode()
    assert "visas inte här" not in page
    assert bris_scheduled.title not in page

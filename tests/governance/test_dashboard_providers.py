"""Payments (finance) and annual accounts (portal) appear on the deadline dashboard for those
who may see them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from finance.models import BudgetPeriod, Payment
from organisations.constants import Role
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

from .conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(public_body):
    """An active partnership whose current contract year began 300 days ago."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=300)
    ours, theirs = OrganisationFactory(name="Ideella Ett"), OrganisationFactory(name="Ideella Två")
    partnership = PartnershipFactory(
        public_body=public_body,
        organisations=[ours, theirs],
        active=True,
        start_date=start,
        end_date=start + datetime.timedelta(days=729),
    )
    period = BudgetPeriod.objects.create(
        partnership=partnership,
        start=start,
        end=start + datetime.timedelta(days=364),
        label="År 1",
    )
    for organisation, days, amount in ((ours, 10, "177958.25"), (theirs, 20, "50000.00")):
        Payment.objects.create(
            partnership=partnership,
            party=partnership.parties.get(organisation=organisation),
            period=period,
            due_date=today + datetime.timedelta(days=days),
            covers_from=today + datetime.timedelta(days=days),
            covers_to=today + datetime.timedelta(days=days + 90),
            amount=Decimal(amount),
        )
    return partnership, ours, theirs


def test_staff_see_payments_and_annual_accounts_due(client, official, running):
    partnership, _ours, _theirs = running
    content = log_in(client, official).get(reverse("governance:dashboard")).content.decode()
    assert "Ideella Ett, 177\xa0958,25\xa0kr (planerad)" in content
    assert "Ideella Två, 50\xa0000\xa0kr (planerad)" in content
    # The year's annual account is due 30 days before the next contract year: in 35 days.
    assert f"Ekonomisk redovisning År 1, Ideella Ett ({partnership.title})" in content
    payment = Payment.objects.get(party__organisation__name="Ideella Ett")
    assert reverse("finance:payment", args=[payment.pk]) in content


def test_a_representative_sees_only_their_organisations_payments(client, running):
    partnership, ours, _theirs = running
    representative = MembershipFactory(
        organisation=ours, role=Role.REPRESENTATIVE, body=partnership.public_body
    ).user
    content = log_in(client, representative).get(reverse("governance:dashboard")).content.decode()
    assert "Ideella Ett, 177\xa0958,25\xa0kr" in content
    assert "Ideella Två" not in content


def test_another_bodys_administrator_sees_none_of_it_not_even_by_asking(
    client, running, other_body, other_administrator
):
    # Uppsala runs a partnership with one of Stockholm's organisations (the register is shared).
    partnership, ours, _theirs = running
    theirs_too = PartnershipFactory(
        public_body=other_body, organisations=[ours], active=True, title="Uppsalas partnerskap"
    )
    period = BudgetPeriod.objects.create(
        partnership=theirs_too,
        start=partnership.start_date,
        end=partnership.start_date + datetime.timedelta(days=364),
        label="Uppsala år 1",
    )
    Payment.objects.create(
        partnership=theirs_too,
        party=theirs_too.parties.get(organisation=ours),
        period=period,
        due_date=timezone.localdate() + datetime.timedelta(days=5),
        covers_from=timezone.localdate(),
        covers_to=timezone.localdate() + datetime.timedelta(days=90),
        amount=Decimal("1234.00"),
    )
    log_in(client, other_administrator)
    for query in ({}, {"partnership": partnership.pk}, {"kind": "payment"}):
        content = client.get(reverse("governance:dashboard"), query).content.decode()
        assert "Ideella Ett, 1\xa0234\xa0kr (planerad)" in content  # Uppsala's own payment
        assert "177\xa0958,25" not in content and "Ideella Två" not in content
        assert partnership.title not in content
        listed = content.split('id="by-partnership"')[1].split("</section>")[0]
        assert "Uppsalas partnerskap" in listed and f"partnership={partnership.pk}" not in listed

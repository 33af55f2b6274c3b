from decimal import Decimal

import pytest
from django.core.management import call_command

from demo import finance as demo
from finance.models import Budget, Payment
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_demo_data_gives_the_seed_partnerships_budgets_and_schedules():
    call_command("load_demo_data", "--only-core", "--as-in-seeds", stdout=open("/dev/null", "w"))  # noqa: SIM115
    demo.load()
    counts = (Budget.objects.count(), Payment.objects.count())
    demo.load()  # idempotent
    assert (Budget.objects.count(), Payment.objects.count()) == counts

    bris = Partnership.objects.get(registry_number="DEMO-1/2016")
    first_year = bris.payments.filter(period__start="2017-01-01")
    assert [p.amount for p in first_year] == [Decimal("177958.25")] * 4
    assert bris.payments.exclude(bankgiro="").count() == 8

    uam = Partnership.objects.get(registry_number="DEMO-2/2017")
    short = Budget.objects.filter(period__partnership=uam, period__start="2017-09-01")
    assert sum(b.total for b in short) == Decimal("1540640")
    year = Budget.objects.filter(period__partnership=uam, period__start="2018-01-01")
    assert sum(b.total for b in year) == Decimal("5888920")
    assert sum(p.amount for p in uam.payments.filter(period__start="2017-09-01")) == Decimal(
        "1540640"
    )

    eu = Partnership.objects.get(registry_number="156-139/2015")
    assert Budget.objects.filter(period__partnership=eu).count() == 10
    assert eu.payments.count() == 40

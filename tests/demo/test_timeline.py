"""The live demo: the seed partnerships moved by whole years to stand today where their
statuses say, and the seeds' own dates on request."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.timeline import decision_date, shifted, years_to_shift
from finance.constants import PaymentStatus
from partnerships.constants import Status
from partnerships.models import Partnership
from portal.constants import AccountStatus
from portal.models import AnnualAccount

D = datetime.date


@pytest.mark.parametrize(
    ("today", "status", "expected"),
    [
        # Bris (2017-01-01 – 2018-12-31), active: its first year behind it, running today.
        (D(2026, 12, 1), Status.ACTIVE, 8),
        (D(2026, 1, 15), Status.ACTIVE, 8),
        (D(2027, 3, 1), Status.ACTIVE, 9),
        # Proposed or decided: it starts after today.
        (D(2026, 12, 1), Status.PROPOSED, 10),
        (D(2016, 12, 31), Status.DECIDED, 0),
    ],
)
def test_years_to_shift(today, status, expected):
    years = years_to_shift(start=D(2017, 1, 1), end=D(2018, 12, 31), status=status, today=today)
    assert years == expected


def test_a_leap_day_moves_to_the_28th_and_a_decision_is_never_in_the_future():
    assert shifted(D(2016, 2, 29), 1) == D(2017, 2, 28)
    assert decision_date(D(2017, 4, 25), 10, today=D(2026, 12, 1)) == D(2026, 4, 25)
    assert decision_date(None, 10, today=D(2026, 12, 1)) is None


@pytest.fixture
def loaded(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def _load(*args):
        out = StringIO()
        call_command("load_demo_data", *args, stdout=out)
        return out.getvalue()

    return _load


def test_the_demo_runs_now(loaded):
    out = loaded()
    today = timezone.localdate()
    bris = Partnership.objects.get(registry_number="DEMO-1/2016")
    eu = Partnership.objects.get(registry_number="156-139/2015")
    minors = Partnership.objects.get(registry_number="DEMO-2/2017")
    assert (bris.status, eu.status, minors.status) == (
        Status.ACTIVE,
        Status.DECIDED,
        Status.PROPOSED,
    )
    assert bris.start_date <= today <= bris.end_date
    assert eu.start_date > today and minors.start_date > today
    assert eu.decided_on <= today
    # Whole years: the seeds' days and months stay.
    assert (bris.start_date.month, bris.start_date.day, eu.start_date.month) == (1, 1, 5)
    # History: every payment due by today is paid, nothing after today is.
    payments = bris.payments.all()
    assert payments.filter(due_date__lte=today).exclude(status=PaymentStatus.PAID).count() == 0
    assert payments.filter(due_date__lte=today).count() >= 4
    assert payments.filter(due_date__gt=today, status=PaymentStatus.PAID).count() == 0
    # Last year's annual account is in.
    account = AnnualAccount.objects.get(party__partnership=bris)
    assert account.status == AccountStatus.SUBMITTED
    assert account.period.end < today
    assert str(bris.start_date) in out


def test_as_in_seeds_keeps_the_seeds_dates(loaded):
    loaded("--as-in-seeds", "--only-core")
    bris = Partnership.objects.get(registry_number="DEMO-1/2016")
    assert (bris.start_date, bris.end_date) == (D(2017, 1, 1), D(2018, 12, 31))
    assert Partnership.objects.get(registry_number="156-139/2015").decided_on == D(2017, 4, 25)

"""The data generator: seeded and reproducible, and what it writes obeys the register's rules."""

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q, Sum

from demo.generator import SCALES, Generator
from finance.models import Budget, Payment
from partnerships.models import Partnership, Party
from portal.models import ActivityReport
from portal.selectors import REPORTING_STATUSES

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def digest() -> str:
    rows = [
        *Partnership.objects.order_by("title").values_list(
            "title", "registry_number", "start_date", "end_date", "status"
        ),
        *Payment.objects.order_by("due_date", "amount").values_list("due_date", "amount", "status"),
        *Party.objects.order_by("organisation__org_number", "partnership__title").values_list(
            "organisation__org_number", "partnership__title"
        ),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def generate(seed: int) -> str:
    with transaction.atomic():
        Generator(scale=SCALES["tiny"], seed=seed, today=TODAY).run()
        result = digest()
        transaction.set_rollback(True)
    return result


def test_same_seed_same_register_other_seed_another():
    first, again, other = generate(1), generate(1), generate(2)
    assert first == again
    assert first != other


def test_the_register_keeps_its_rules():
    out = StringIO()
    call_command("generate_data", "--scale", "tiny", stdout=out)
    scale = SCALES["tiny"]
    assert Partnership.objects.count() == scale.partnerships
    # One public party per partnership, the body that owns it; a six-party partnership.
    publics = Party.objects.filter(is_public=True)
    assert publics.count() == scale.partnerships
    assert not publics.exclude(organisation=F("partnership__public_body")).exists()
    sizes = Partnership.objects.annotate(n=Count("parties")).values_list("n", flat=True)
    assert max(sizes) == 6
    # The busiest organisation is party to `busiest_organisation` partnerships.
    busiest = Party.objects.values("organisation").annotate(n=Count("pk")).order_by("-n")[0]
    assert busiest["n"] >= scale.busiest_organisation
    # Each budget's payments add up to it, to the öre.
    for budget in Budget.objects.all()[:50]:
        paid = Payment.objects.filter(period=budget.period, party=budget.appendix.party).aggregate(
            total=Sum("amount")
        )["total"]
        assert paid == budget.total
    # Past payments of running partnerships are paid, none of a draft is.
    assert not Payment.objects.filter(
        Q(partnership__status="draft") & ~Q(status="planned")
    ).exists()
    # Reports of past contract years are mostly handed in, none of a partnership not signed.
    reports = ActivityReport.objects.all()
    assert reports.exists()
    assert not reports.exclude(partnership__status__in=REPORTING_STATUSES).exists()
    assert not reports.filter(submitted_at__date__gte=TODAY).exists()
    assert "generated in" in out.getvalue()
    with pytest.raises(CommandError, match="already holds generated data"):
        call_command("generate_data", "--scale", "tiny", stdout=StringIO())

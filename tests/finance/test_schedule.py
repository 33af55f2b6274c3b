"""Schedule generation: the three seed partnerships, leap years, a period starting
mid-quarter, a one-day period, rounding."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from finance import services
from finance.constants import PaymentFrequency, PaymentStatus, PeriodBasis, Rounding
from finance.models import Payment
from finance.services.dates import add_months
from finance.services.schedule import instalments, split_amount
from organisations.models import Relation
from tests.factories import RelationFactory

from .conftest import D, appendix_of, make_partnership

pytestmark = pytest.mark.django_db


def amounts(queryset):
    return [payment.amount for payment in queryset.order_by("covers_from")]


def test_bris_four_quarterly_payments_add_up_to_711_833(bris_scheduled, organisation):
    first_year = bris_scheduled.payments.filter(period__start=D(2017, 1, 1))
    assert amounts(first_year) == [Decimal("177958.25")] * 4
    assert sum(amounts(first_year)) == Decimal("711833.00")
    assert [
        (p.covers_from, p.covers_to, p.due_date) for p in first_year.order_by("covers_from")
    ] == [
        (D(2017, 1, 1), D(2017, 3, 31), D(2017, 1, 1)),
        (D(2017, 4, 1), D(2017, 6, 30), D(2017, 4, 1)),
        (D(2017, 7, 1), D(2017, 9, 30), D(2017, 7, 1)),
        (D(2017, 10, 1), D(2017, 12, 31), D(2017, 10, 1)),
    ]
    payment = first_year.first()
    assert payment.bankgiro == "12345674"
    assert payment.status == PaymentStatus.PLANNED
    assert bris_scheduled.payments.count() == 8


def test_whole_kronor_puts_the_remainder_on_the_first_payment(bris_budgeted, administrator):
    services.terms_update(partnership=bris_budgeted, rounding=Rounding.WHOLE_KRONOR)
    services.schedule_generate(partnership=bris_budgeted, user=administrator)
    first_year = bris_budgeted.payments.filter(period__start=D(2017, 1, 1))
    assert amounts(first_year) == [
        Decimal("177959"),
        Decimal("177958"),
        Decimal("177958"),
        Decimal("177958"),
    ]


def test_split_is_exact_to_the_ore():
    shares = split_amount(Decimal("100.00"), [Fraction(1)] * 3, rounding=Rounding.ORE)
    assert shares == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    shares = split_amount(Decimal("100.01"), [Fraction(1)] * 3, rounding=Rounding.WHOLE_KRONOR)
    assert shares == [Decimal("34.01"), Decimal("33"), Decimal("33")]
    assert sum(shares) == Decimal("100.01")


def test_seed_002_contract_years_run_may_to_april(public_body, other_organisation):
    partnership = make_partnership(public_body, [other_organisation], D(2017, 5, 1), D(2019, 4, 30))
    periods = services.budget_periods_generate(
        partnership=partnership, basis=PeriodBasis.CONTRACT_YEAR
    )
    assert [(p.start, p.end) for p in periods] == [
        (D(2017, 5, 1), D(2018, 4, 30)),
        (D(2018, 5, 1), D(2019, 4, 30)),
    ]
    services.budget_save(
        appendix=appendix_of(partnership, other_organisation),
        period=periods[0],
        lines=[("Personal", Decimal("1000000"))],
    )
    services.schedule_generate(partnership=partnership, user=None)
    payments = partnership.payments.order_by("covers_from")
    assert [(p.covers_from, p.covers_to) for p in payments] == [
        (D(2017, 5, 1), D(2017, 7, 31)),
        (D(2017, 8, 1), D(2017, 10, 31)),
        (D(2017, 11, 1), D(2018, 1, 31)),
        (D(2018, 2, 1), D(2018, 4, 30)),
    ]
    assert amounts(payments) == [Decimal("250000")] * 4


def test_seed_004_short_first_period_carries_its_own_amount(public_body):
    organisations = [
        RelationFactory(body=public_body, organisation__name=name, bankgiro="90000019").organisation
        for name in ("Barnrättsbyrån", "Rädda Barnen", "Röda korset", "Stockholms stadsmission")
    ]
    partnership = make_partnership(
        public_body, organisations, D(2017, 9, 1), D(2019, 8, 31), latest_end_date=D(2021, 8, 31)
    )
    periods = services.budget_periods_generate(
        partnership=partnership, basis=PeriodBasis.CALENDAR_YEAR
    )
    assert [(p.start, p.end, p.label) for p in periods] == [
        (D(2017, 9, 1), D(2017, 12, 31), "2017-09-01 – 2017-12-31"),
        (D(2018, 1, 1), D(2018, 12, 31), "2018"),
        (D(2019, 1, 1), D(2019, 8, 31), "2019-01-01 – 2019-08-31"),
    ]
    services.budget_save(
        appendix=appendix_of(partnership, organisations[0]),
        period=periods[0],
        lines=[],
        total=Decimal("1540640"),
    )
    services.budget_save(
        appendix=appendix_of(partnership, organisations[0]),
        period=periods[1],
        lines=[],
        total=Decimal("5888920"),
    )
    services.schedule_generate(partnership=partnership, user=None)
    short = partnership.payments.filter(period=periods[0]).order_by("covers_from")
    # Starts mid-quarter: Sep–Nov, then a short December instalment (31 of 91 days).
    assert [(p.covers_from, p.covers_to) for p in short] == [
        (D(2017, 9, 1), D(2017, 11, 30)),
        (D(2017, 12, 1), D(2017, 12, 31)),
    ]
    assert sum(amounts(short)) == Decimal("1540640")
    assert amounts(short) == [Decimal("1145930.58"), Decimal("394709.42")]  # 1 540 640 × 31/121
    year = partnership.payments.filter(period=periods[1])
    assert amounts(year) == [Decimal("1472230")] * 4


def test_a_period_starting_mid_month_counts_from_its_own_start():
    parts = instalments(start=D(2017, 9, 15), end=D(2018, 9, 14), frequency="quarterly")
    assert [(p.covers_from, p.covers_to, p.weight) for p in parts] == [
        (D(2017, 9, 15), D(2017, 12, 14), 1),
        (D(2017, 12, 15), D(2018, 3, 14), 1),
        (D(2018, 3, 15), D(2018, 6, 14), 1),
        (D(2018, 6, 15), D(2018, 9, 14), 1),
    ]


def test_a_one_day_period_gets_one_payment(public_body, other_organisation):
    partnership = make_partnership(
        public_body, [other_organisation], D(2018, 3, 31), D(2018, 3, 31)
    )
    period = services.budget_period_create(
        partnership=partnership, start=D(2018, 3, 31), end=D(2018, 3, 31)
    )
    services.budget_save(
        appendix=appendix_of(partnership, other_organisation),
        period=period,
        lines=[("Personal", Decimal("1234.56"))],
    )
    services.schedule_generate(partnership=partnership, user=None)
    payment = partnership.payments.get()
    assert (payment.covers_from, payment.covers_to, payment.amount) == (
        D(2018, 3, 31),
        D(2018, 3, 31),
        Decimal("1234.56"),
    )


def test_leap_years():
    assert add_months(D(2016, 2, 29), 12) == D(2017, 2, 28)
    assert add_months(D(2016, 2, 29), 48) == D(2020, 2, 29)
    assert add_months(D(2019, 11, 30), 3) == D(2020, 2, 29)
    # A leap year's first quarter has 91 days, the others 91/92: full quarters are still equal.
    parts = instalments(start=D(2020, 1, 1), end=D(2020, 12, 31), frequency="quarterly")
    assert [p.weight for p in parts] == [1, 1, 1, 1]
    # Monthly from the 31st: boundaries counted from the start, clamped, never drifting.
    parts = instalments(start=D(2020, 1, 31), end=D(2020, 5, 30), frequency="monthly")
    assert [p.covers_from for p in parts] == [
        D(2020, 1, 31),
        D(2020, 2, 29),
        D(2020, 3, 31),
        D(2020, 4, 30),
    ]
    # A contract year from 29 February.
    spans = services.budgets.period_spans(
        start=D(2016, 2, 29), end=D(2018, 2, 27), basis=PeriodBasis.CONTRACT_YEAR
    )
    assert spans == [(D(2016, 2, 29), D(2017, 2, 27)), (D(2017, 2, 28), D(2018, 2, 27))]


def test_frequency_and_days_in_advance(bris_budgeted, administrator):
    services.terms_update(
        partnership=bris_budgeted, payment_frequency=PaymentFrequency.MONTHLY, days_in_advance=10
    )
    services.schedule_generate(partnership=bris_budgeted, user=administrator)
    first_year = bris_budgeted.payments.filter(period__start=D(2017, 1, 1)).order_by("covers_from")
    assert first_year.count() == 12
    assert sum(amounts(first_year)) == Decimal("711833")
    assert first_year[0].due_date == D(2016, 12, 22)
    services.terms_update(partnership=bris_budgeted, payment_frequency=PaymentFrequency.YEARLY)
    services.schedule_generate(partnership=bris_budgeted, user=administrator)
    assert amounts(bris_budgeted.payments.filter(period__start=D(2017, 1, 1))) == [
        Decimal("711833")
    ]


def test_preview_changes_nothing_and_regenerate_keeps_approved(
    bris_scheduled, bris_appendix, administrator, second_administrator
):
    first = bris_scheduled.payments.order_by("covers_from").first()
    services.payment_approve(payment=first, user=second_administrator)
    # Approved payments lock their period's budget …
    with pytest.raises(ValidationError) as exc:
        services.budget_save(
            appendix=bris_appendix,
            period=first.period,
            lines=[("Personal", Decimal("1"))],
        )
    assert "redan godkända eller betalda" in str(exc.value)
    # … while the next year's budget can change, and only its planned payments are replaced.
    second_period = bris_scheduled.budget_periods.order_by("start")[1]
    services.budget_save(
        appendix=bris_appendix, period=second_period, lines=[("Personal", Decimal("400000"))]
    )
    before = set(Payment.objects.values_list("pk", flat=True))
    plan = services.schedule_preview(partnership=bris_scheduled)
    assert len(plan.create) == 4 and len(plan.remove) == 4
    assert plan.create_total == Decimal("400000")
    assert set(Payment.objects.values_list("pk", flat=True)) == before
    services.schedule_generate(partnership=bris_scheduled, user=administrator)
    first.refresh_from_db()
    assert first.status == PaymentStatus.APPROVED
    assert sum(amounts(bris_scheduled.payments.filter(period=second_period))) == Decimal("400000")
    # Nothing to do the second time.
    assert not services.schedule_preview(partnership=bris_scheduled).has_changes


def test_schedule_without_budgets_is_refused(bris):
    with pytest.raises(ValidationError) as exc:
        services.schedule_preview(partnership=bris)
    assert "inga budgetar ännu" in str(exc.value)
    assert not bris.payments.exists()


def test_organisation_without_giro_is_listed_not_crashed(
    bris_budgeted, organisation, administrator
):
    Relation.objects.filter(organisation=organisation).update(bankgiro="")
    plan = services.schedule_generate(partnership=bris_budgeted, user=administrator)
    assert len(plan.problems) == 1 and "Bris" in plan.problems[0]
    assert not bris_budgeted.payments.exists()


def test_plusgiro_is_used_when_there_is_no_bankgiro(bris_budgeted, organisation, administrator):
    Relation.objects.filter(organisation=organisation).update(bankgiro="", plusgiro="12344")
    services.schedule_generate(partnership=bris_budgeted, user=administrator)
    payment = bris_budgeted.payments.first()
    assert (payment.bankgiro, payment.plusgiro, payment.giro_display) == ("", "12344", "PG 1234-4")


def test_another_bodys_giro_never_reaches_this_bodys_payments(
    bris_budgeted, organisation, other_body, administrator
):
    """Uppsala partners with Bris too and records another bankgiro: Stockholm's schedule
    keeps paying to the giro Stockholm recorded."""
    from organisations.services import relation_update
    from tests.factories import PartnershipFactory

    PartnershipFactory(public_body=other_body, organisations=[organisation])
    relation_update(body=other_body, organisation=organisation, bankgiro="11100005")
    services.schedule_generate(partnership=bris_budgeted, user=administrator)
    assert set(bris_budgeted.payments.values_list("bankgiro", flat=True)) == {"12345674"}

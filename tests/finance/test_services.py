"""Budgets, co-financing, other income, payment transitions, termination and extension."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import override_settings

from finance import services
from finance.constants import PaymentStatus, PeriodBasis
from finance.models import Budget, BudgetPeriod, Payment, PaymentEvent, Termination
from partnerships.constants import Status

from .conftest import BRIS_LINES, D, appendix_of, make_partnership

pytestmark = pytest.mark.django_db


def error_text(exc) -> str:
    return " ".join(" ".join(messages) for messages in exc.value.message_dict.values())


# Budgets -------------------------------------------------------------------------------


def test_budget_total_is_the_sum_of_its_lines(bris, bris_appendix):
    period = bris.budget_periods.first()
    budget = services.budget_save(
        appendix=bris_appendix, period=period, lines=BRIS_LINES, total=Decimal("711833")
    )
    assert budget.total == Decimal("711833.00")
    assert [line.category for line in budget.lines.all()] == [
        "Personal",
        "Material",
        "Mat och dryck",
        "Resekostnader",
    ]


def test_lines_that_do_not_add_up_to_the_total_are_refused(bris, bris_appendix):
    period = bris.budget_periods.first()
    with pytest.raises(ValidationError) as exc:
        services.budget_save(
            appendix=bris_appendix, period=period, lines=BRIS_LINES, total=Decimal("700000")
        )
    assert "total" in exc.value.message_dict
    assert "711\u00a0833\u00a0kr" in error_text(exc)
    assert not Budget.objects.exists()


@pytest.mark.parametrize(
    "amount", [Decimal("-1"), Decimal("10.005"), Decimal("NaN")], ids=["negative", "öre", "nan"]
)
def test_bad_amounts_are_refused(bris, bris_appendix, amount):
    with pytest.raises(ValidationError):
        services.budget_save(
            appendix=bris_appendix,
            period=bris.budget_periods.first(),
            lines=[("Personal", Decimal("100")), ("Material", amount)],
        )
    assert not Budget.objects.exists()


def test_public_party_gets_no_budget(bris):
    public = bris.parties.get(is_public=True)
    from tests.factories import AppendixFactory

    appendix = AppendixFactory(party=public, number="2.0")
    with pytest.raises(ValidationError):
        services.budget_save(
            appendix=appendix, period=bris.budget_periods.first(), lines=BRIS_LINES
        )


def test_budget_for_another_partnerships_period_is_refused(bris, bris_appendix, public_body):
    other = make_partnership(public_body, [], D(2017, 1, 1), D(2017, 12, 31))
    period = services.budget_period_create(
        partnership=other, start=D(2017, 1, 1), end=D(2017, 12, 31)
    )
    with pytest.raises(ValidationError):
        services.budget_save(appendix=bris_appendix, period=period, lines=BRIS_LINES)


def test_budget_periods_stay_inside_the_partnership_and_do_not_overlap(bris):
    with pytest.raises(ValidationError) as exc:
        services.budget_period_create(partnership=bris, start=D(2016, 7, 1), end=D(2016, 12, 31))
    assert "start" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.budget_period_create(partnership=bris, start=D(2018, 7, 1), end=D(2019, 6, 30))
    assert "end" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.budget_period_create(partnership=bris, start=D(2017, 6, 1), end=D(2017, 6, 30))
    assert "start" in exc.value.message_dict
    assert bris.budget_periods.count() == 2


def test_periods_with_budgets_are_not_regenerated(bris_budgeted):
    with pytest.raises(ValidationError):
        services.budget_periods_generate(partnership=bris_budgeted, basis=PeriodBasis.CALENDAR_YEAR)
    assert bris_budgeted.budget_periods.count() == 2


# Co-financing and other income -----------------------------------------------------------


def test_co_financing_in_money_and_in_kind(bris, organisation):
    period = bris.budget_periods.first()
    public = bris.parties.get(is_public=True)
    services.cofinancing_save(
        party=public, period=period, in_kind="Lokaler och ledning", valuation=Decimal("120000")
    )
    own = services.cofinancing_save(
        party=bris.parties.get(organisation=organisation), period=period, amount=Decimal("50000")
    )
    assert own.amount == Decimal("50000")
    with pytest.raises(ValidationError) as exc:
        services.cofinancing_save(party=public, period=period)
    assert "amount" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.cofinancing_save(party=public, period=period, valuation=Decimal("5"))
    assert "in_kind" in exc.value.message_dict


def test_other_income_is_children_times_amount(bris):
    income = services.other_income_record(
        partnership=bris,
        period=bris.budget_periods.first(),
        payer="Solna stad",
        children=3,
        amount_per_child=Decimal("5000"),
    )
    assert income.total == Decimal("15000")
    with pytest.raises(ValidationError) as exc:
        services.other_income_record(
            partnership=bris,
            period=bris.budget_periods.first(),
            payer="Solna stad",
            children=0,
            amount_per_child=Decimal("5000"),
        )
    assert "children" in exc.value.message_dict


# Payments ----------------------------------------------------------------------------------


def test_approve_pay_and_events(bris_scheduled, administrator, second_administrator):
    payment = bris_scheduled.payments.order_by("covers_from").first()
    services.payment_approve(payment=payment, user=second_administrator)
    assert payment.status == PaymentStatus.APPROVED
    assert payment.approved_by == second_administrator
    services.payment_pay(payment=payment, user=administrator, paid_on=D(2017, 1, 2))
    assert (payment.status, payment.paid_on) == (PaymentStatus.PAID, D(2017, 1, 2))
    assert list(payment.events.values_list("from_status", "to_status", "user")) == [
        ("planned", "approved", second_administrator.pk),
        ("approved", "paid", administrator.pk),
    ]
    with pytest.raises(ValidationError):
        services.payment_stop(payment=payment, user=administrator, reason="Fel")


def test_the_preparer_cannot_approve_when_two_people_are_required(bris_scheduled, administrator):
    payment = bris_scheduled.payments.first()
    with pytest.raises(ValidationError):
        services.payment_approve(payment=payment, user=administrator)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PLANNED
    with override_settings(IOP_PAYMENTS_REQUIRE_TWO_PEOPLE=False):
        services.payment_approve(payment=payment, user=administrator)
    assert payment.status == PaymentStatus.APPROVED


def test_officials_cannot_approve(bris_scheduled, official):
    with pytest.raises(ValidationError):
        services.payment_approve(payment=bris_scheduled.payments.first(), user=official)


def test_a_future_payment_date_and_an_empty_stop_reason_are_refused(
    bris_scheduled, second_administrator, administrator
):
    payment = bris_scheduled.payments.first()
    services.payment_approve(payment=payment, user=second_administrator)
    with pytest.raises(ValidationError) as exc:
        services.payment_pay(payment=payment, user=administrator, paid_on=D(2999, 1, 1))
    assert "paid_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.payment_stop(payment=payment, user=administrator, reason="  ")
    assert "reason" in exc.value.message_dict


def test_a_stale_copy_cannot_approve_twice(bris_scheduled, administrator, second_administrator):
    """The conditional update: two tabs holding the same planned payment."""
    tab_one = bris_scheduled.payments.first()
    tab_two = Payment.objects.get(pk=tab_one.pk)
    services.payment_approve(payment=tab_one, user=second_administrator)
    with pytest.raises(ValidationError):
        services.payment_approve(payment=tab_two, user=second_administrator)
    assert PaymentEvent.objects.filter(payment=tab_one).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_approving_at_the_same_moment_approve_once(
    bris_scheduled, second_administrator, public_body
):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's test database cannot run two writing connections side by side; the "
            "conditional update is tested above and this runs on PostgreSQL."
        )
    from organisations.constants import Role
    from tests.factories import MembershipFactory

    third = MembershipFactory(organisation=public_body, role=Role.ADMINISTRATOR).user
    payment_pk = bris_scheduled.payments.first().pk
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(user):
        try:
            payment = Payment.objects.get(pk=payment_pk)
            barrier.wait()
            services.payment_approve(payment=payment, user=user)
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(u,)) for u in (second_administrator, third)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused"]
    assert PaymentEvent.objects.filter(payment_id=payment_pk).count() == 1


# Termination ---------------------------------------------------------------------------------


def test_terminating_a_party_keeps_the_notice_period_and_stops_the_rest(
    bris_scheduled, organisation, administrator
):
    party = bris_scheduled.parties.get(organisation=organisation)
    plan = services.termination_preview(
        partnership=bris_scheduled, party=party, date=D(2017, 5, 15)
    )
    assert plan.notice_end == D(2017, 8, 15)
    # Q1, Q2 and Q3 (starting 1 July, inside the notice period) are kept; five stopped.
    assert [p.covers_from for p in plan.keep] == [D(2017, 1, 1), D(2017, 4, 1), D(2017, 7, 1)]
    assert len(plan.stop) == 5 and plan.refunds == []
    assert not Termination.objects.exists()  # the preview changes nothing
    termination = services.termination_apply(
        partnership=bris_scheduled,
        party=party,
        date=D(2017, 5, 15),
        reason="Åtagandena uppfylls inte.",
        user=administrator,
    )
    assert bris_scheduled.payments.filter(status=PaymentStatus.STOPPED).count() == 5
    assert termination.stopped_payments.count() == 5
    party.refresh_from_db()
    assert party.left_on == D(2017, 8, 15)
    # Regenerating never brings the stopped payments back.
    assert not services.schedule_preview(partnership=bris_scheduled).has_changes


def test_refund_for_paid_work_not_done_pro_rata(
    bris_scheduled, administrator, second_administrator
):
    services.terms_update(partnership=bris_scheduled, refund_on_termination=True, notice_months=0)
    for payment in bris_scheduled.payments.order_by("covers_from")[:2]:
        services.payment_approve(payment=payment, user=second_administrator)
        services.payment_pay(payment=payment, user=administrator, paid_on=payment.due_date)
    plan = services.termination_preview(partnership=bris_scheduled, date=D(2017, 5, 31))
    # Q2 (91 days) was paid; 30 days of June were not worked: 177 958,25 × 30/91.
    assert [(r.payment.covers_from, r.days, r.amount) for r in plan.refunds] == [
        (D(2017, 4, 1), 30, Decimal("58667.55"))
    ]
    termination = services.termination_apply(
        partnership=bris_scheduled, date=D(2017, 5, 31), reason="Tvist", user=administrator
    )
    assert termination.refund_amount == Decimal("58667.55")
    bris_scheduled.refresh_from_db()
    assert bris_scheduled.status == Status.TERMINATED
    assert bris_scheduled.payments.filter(status=PaymentStatus.STOPPED).count() == 6
    with pytest.raises(ValidationError):
        services.schedule_preview(partnership=bris_scheduled)


@pytest.mark.parametrize("date", [D(2016, 12, 31), D(2019, 1, 1), None])
def test_termination_dates_outside_the_period_are_refused(bris_scheduled, administrator, date):
    with pytest.raises(ValidationError) as exc:
        services.termination_apply(
            partnership=bris_scheduled, date=date, reason="Tvist", user=administrator
        )
    assert "date" in exc.value.message_dict
    assert not Termination.objects.exists()
    assert not bris_scheduled.payments.filter(status=PaymentStatus.STOPPED).exists()


def test_termination_needs_a_reason(bris_scheduled, administrator):
    with pytest.raises(ValidationError) as exc:
        services.termination_apply(
            partnership=bris_scheduled, date=D(2017, 5, 1), reason="", user=administrator
        )
    assert "reason" in exc.value.message_dict


# Extension -----------------------------------------------------------------------------------


# The decision an extension needs (issue 12, point 8).
DECISION = {
    "decided_on": D(2019, 5, 20),
    "decision_paragraph": "§ 7",
    "decided_by": "Socialnämnden",
}


def test_extension_adds_a_year_with_budgets_and_payments(
    public_body, other_organisation, administrator
):
    partnership = make_partnership(
        public_body,
        [other_organisation],
        D(2017, 9, 1),
        D(2019, 8, 31),
        latest_end_date=D(2021, 8, 31),
    )
    periods = services.budget_periods_generate(
        partnership=partnership, basis=PeriodBasis.CONTRACT_YEAR
    )
    appendix = appendix_of(partnership, other_organisation)
    for period in periods:
        services.budget_save(
            appendix=appendix, period=period, lines=[("Personal", Decimal("400000"))]
        )
    services.schedule_generate(partnership=partnership, user=administrator)
    period, plan = services.partnership_extend(
        partnership=partnership, user=administrator, **DECISION
    )
    partnership.refresh_from_db()
    assert partnership.end_date == D(2020, 8, 31)
    assert (period.start, period.end) == (D(2019, 9, 1), D(2020, 8, 31))
    assert Budget.objects.get(period=period).total == Decimal("400000")
    assert len(plan.create) == 4
    services.partnership_extend(partnership=partnership, user=administrator, **DECISION)
    partnership.refresh_from_db()
    assert partnership.end_date == D(2021, 8, 31)
    with pytest.raises(ValidationError) as exc:
        services.partnership_extend(partnership=partnership, user=administrator, **DECISION)
    assert "2022-08-31" in error_text(exc)
    partnership.refresh_from_db()
    assert partnership.end_date == D(2021, 8, 31)
    assert BudgetPeriod.objects.filter(partnership=partnership).count() == 4


def test_a_partnership_without_latest_date_cannot_be_extended(bris, administrator):
    with pytest.raises(ValidationError):
        services.partnership_extend(partnership=bris, user=administrator, **DECISION)
    bris.refresh_from_db()
    assert bris.end_date == D(2018, 12, 31)


class TestPaymentReduce:
    """Setting money off against a planned payment (an approved account's unspent money)."""

    @pytest.fixture
    def planned(self, bris_scheduled):
        return bris_scheduled.payments.order_by("due_date").first()

    def test_lowers_a_planned_payment_and_records_why(self, planned, administrator):
        from finance.services.payments import payment_reduce

        payment_reduce(
            payment=planned, amount=Decimal("12500.00"), user=administrator, reason="Överskott 2017"
        )
        planned.refresh_from_db()
        assert planned.amount == Decimal("165458.25")
        assert planned.reduced_by == Decimal("12500.00")
        event = planned.events.get()
        assert event.user == administrator and "Överskott 2017" in event.note

    def test_refuses_more_than_the_payment_or_a_payment_not_planned(self, planned, administrator):
        from finance.services.payments import payment_reduce

        with pytest.raises(ValidationError) as exc:
            payment_reduce(
                payment=planned, amount=Decimal("200000"), user=administrator, reason="För mycket"
            )
        assert exc.value.message_dict["amount"] == [
            "Minskningen kan inte vara större än betalningen."
        ]
        planned.refresh_from_db()
        assert planned.amount == Decimal("177958.25")

    def test_regenerating_the_schedule_keeps_a_reduced_period(
        self, bris_scheduled, planned, administrator
    ):
        from finance.services.payments import payment_reduce
        from finance.services.schedule import schedule_generate

        payment_reduce(
            payment=planned, amount=Decimal("100.00"), user=administrator, reason="Överskott"
        )
        schedule_generate(partnership=bris_scheduled, user=administrator)
        planned.refresh_from_db()
        assert planned.amount == Decimal("177858.25")

    def test_generated_payments_have_their_creation_in_history(self, planned, administrator):
        created = planned.history.get()
        assert created.history_type == "+"
        assert created.history_user == administrator
        assert created.amount == Decimal("177958.25")


class TestPaymentAdjust:
    """Setting a planned payment's amount, with who, when and why in its events."""

    @pytest.fixture
    def planned(self, bris_scheduled):
        return bris_scheduled.payments.order_by("due_date").first()

    def test_sets_the_amount_and_records_who_and_why(self, planned, administrator):
        services.payment_adjust(
            payment=planned, amount=Decimal("150000.00"), user=administrator, reason="Nytt beslut"
        )
        planned.refresh_from_db()
        assert planned.amount == Decimal("150000.00")
        assert planned.reduced_by == Decimal("27958.25")
        assert planned.status == PaymentStatus.PLANNED
        event = planned.events.get()
        assert event.user == administrator and event.at is not None
        assert event.note == "177\u00a0958,25\u00a0kr → 150\u00a0000\u00a0kr: Nytt beslut"

    def test_zero_is_allowed_and_the_payment_can_be_raised_back(self, planned, administrator):
        services.payment_adjust(
            payment=planned, amount=Decimal("0.00"), user=administrator, reason="Kvittning"
        )
        planned.refresh_from_db()
        assert planned.amount == Decimal("0.00")
        services.payment_adjust(
            payment=planned, amount=Decimal("177958.25"), user=administrator, reason="Ångrat"
        )
        planned.refresh_from_db()
        assert (planned.amount, planned.reduced_by) == (Decimal("177958.25"), Decimal("0.00"))
        assert planned.events.count() == 2

    @pytest.mark.parametrize(
        ("amount", "message"),
        [
            (Decimal("-1.00"), "Beloppet måste vara noll eller mer, i kronor och öre."),
            (Decimal("100.005"), "Beloppet måste vara noll eller mer, i kronor och öre."),
            (
                Decimal("177958.26"),
                "Betalningen kan inte höjas över det planerade beloppet 177\u00a0958,25\u00a0kr.",
            ),
        ],
    )
    def test_refuses_a_bad_amount_and_changes_nothing(
        self, planned, administrator, amount, message
    ):
        with pytest.raises(ValidationError) as exc:
            services.payment_adjust(
                payment=planned, amount=amount, user=administrator, reason="Test"
            )
        assert exc.value.message_dict["amount"] == [message]
        planned.refresh_from_db()
        assert planned.amount == Decimal("177958.25")
        assert not planned.events.exists()

    def test_refuses_without_a_reason(self, planned, administrator):
        with pytest.raises(ValidationError) as exc:
            services.payment_adjust(
                payment=planned, amount=Decimal("1.00"), user=administrator, reason="  "
            )
        assert exc.value.message_dict["reason"] == ["Ange varför beloppet ändras."]

    def test_only_a_planned_payment(self, planned, administrator):
        Payment.objects.filter(pk=planned.pk).update(status=PaymentStatus.APPROVED)
        with pytest.raises(ValidationError) as exc:
            services.payment_adjust(
                payment=planned, amount=Decimal("1.00"), user=administrator, reason="Test"
            )
        assert "Bara en planerad betalning kan ändras." in error_text(exc)
        planned.refresh_from_db()
        assert planned.amount == Decimal("177958.25")

    def test_only_an_administrator_of_the_public_body(self, planned, official):
        with pytest.raises(ValidationError) as exc:
            services.payment_adjust(
                payment=planned, amount=Decimal("1.00"), user=official, reason="Test"
            )
        assert "administratör" in error_text(exc)
        planned.refresh_from_db()
        assert planned.amount == Decimal("177958.25")

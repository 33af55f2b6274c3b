import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.test import override_settings

from finance.constants import PaymentStatus
from finance.models import Payment
from portal import services
from portal.constants import AccountStatus, ReviewDecision, SettlementDecision, SettlementKind
from portal.models import AccountReview, AnnualAccount, Settlement

from .conftest import TODAY, fill

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


class TestCreate:
    def test_copies_the_budget_lines(self, account):
        lines = list(account.lines.values_list("category", "budget_amount", "actual"))
        assert lines == [
            ("Personal", Decimal("678833.00"), None),
            ("Material", Decimal("8000.00"), None),
            ("Mat och dryck", Decimal("15000.00"), None),
            ("Resekostnader", Decimal("10000.00"), None),
        ]
        assert account.status == AccountStatus.DRAFT

    def test_a_second_call_returns_the_same_account(self, account, representative):
        again = services.account_create(
            party=account.party, period=account.period, user=representative
        )
        assert again.pk == account.pk
        assert AnnualAccount.objects.count() == 1

    def test_needs_a_budget(self, party, periods, representative):
        with pytest.raises(ValidationError) as excinfo:
            services.account_create(party=party, period=periods[0], user=representative)
        assert "Det finns ingen budget" in str(excinfo.value)

    def test_only_the_organisations_representative(self, budgets, party, periods, administrator):
        with pytest.raises(ValidationError):
            services.account_create(party=party, period=periods[0], user=administrator)

    def test_not_for_another_organisation(self, budgets, other_party, periods, representative):
        with pytest.raises(ValidationError):
            services.account_create(party=other_party, period=periods[0], user=representative)


class TestSave:
    def test_saves_lines_and_figures(self, account, representative):
        fill(
            account,
            representative,
            deviations={"Material": Decimal("9500.50")},
            other_income=Decimal("15000"),
            own_money=Decimal("20000"),
            unspent=Decimal("1000"),
            narrative="Sex grupper genomfördes.",
        )
        account.refresh_from_db()
        assert account.lines.get(category="Material").actual == Decimal("9500.50")
        assert account.other_income == Decimal("15000")
        assert account.narrative == "Sex grupper genomfördes."

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (Decimal("-1"), "Beloppet kan inte vara negativt."),
            (Decimal("1.005"), "Ange högst två decimaler (ören)."),
        ],
    )
    def test_refuses_bad_amounts(self, account, representative, value, message):
        line = account.lines.first()
        with pytest.raises(ValidationError) as excinfo:
            services.account_save(
                account=account, user=representative, lines={line.pk: (value, "")}
            )
        assert errors_of(excinfo)[line.field_name("actual")] == [message]
        line.refresh_from_db()
        assert line.actual is None

    def test_refuses_negative_other_income(self, account, representative):
        with pytest.raises(ValidationError) as excinfo:
            services.account_save(account=account, user=representative, other_income=Decimal("-5"))
        assert "other_income" in errors_of(excinfo)

    def test_submitted_account_cannot_be_changed(self, submitted, representative):
        with pytest.raises(ValidationError) as excinfo:
            services.account_save(account=submitted, user=representative, narrative="Ändrad")
        assert "kan inte längre ändras" in str(excinfo.value)
        submitted.refresh_from_db()
        assert submitted.narrative == ""

    def test_another_organisation_cannot_save(self, account, other_representative):
        with pytest.raises(ValidationError):
            services.account_save(account=account, user=other_representative, narrative="x")


class TestDeviation:
    def test_flags_lines_beyond_the_threshold(self, account, representative):
        fill(
            account,
            representative,
            deviations={"Material": Decimal("8800.01"), "Mat och dryck": Decimal("16500")},
        )
        flagged = {line.category: line.is_flagged for line in account.lines.all()}
        assert flagged == {
            "Personal": False,
            "Material": True,  # 10.0001 %
            "Mat och dryck": False,  # exactly 10 %
            "Resekostnader": False,
        }

    @override_settings(IOP_DEVIATION_THRESHOLD_PERCENT=5)
    def test_threshold_is_a_setting(self, account, representative):
        fill(account, representative, deviations={"Mat och dryck": Decimal("16000")})
        assert account.lines.get(category="Mat och dryck").is_flagged

    def test_submission_needs_an_explanation_and_the_draft_survives(self, account, representative):
        fill(account, representative, deviations={"Material": Decimal("12000")})
        line = account.lines.get(category="Material")
        with pytest.raises(ValidationError) as excinfo:
            services.account_submit(account=account, user=representative, today=TODAY)
        assert errors_of(excinfo) == {
            line.field_name("explanation"): [
                "Den faktiska kostnaden avviker från budgeten med 50,0 %: förklara "
                "avvikelsen innan du lämnar in."
            ]
        }
        account.refresh_from_db()
        assert account.status == AccountStatus.DRAFT
        assert account.lines.get(category="Material").actual == Decimal("12000")

    def test_with_explanation_it_is_submitted(self, account, representative):
        fill(
            account,
            representative,
            deviations={"Material": Decimal("12000")},
            explanations={"Material": "Nytt pysselmaterial, godkänt av styrgruppen."},
        )
        services.account_submit(account=account, user=representative, today=TODAY)
        assert account.status == AccountStatus.SUBMITTED
        assert account.submitted_by == representative

    def test_every_line_needs_its_actual_cost(self, account, representative):
        with pytest.raises(ValidationError) as excinfo:
            services.account_submit(account=account, user=representative, today=TODAY)
        assert len(errors_of(excinfo)) == 4


class TestSubmit:
    def test_second_submission_is_refused(self, submitted, representative):
        with pytest.raises(ValidationError) as excinfo:
            services.account_submit(account=submitted, user=representative, today=TODAY)
        assert errors_of(excinfo) == {NON_FIELD_ERRORS: ["Redovisningen är redan inlämnad."]}

    def test_year_not_started_is_refused(self, budgets, party, periods, representative):
        account = services.account_create(party=party, period=periods[1], user=representative)
        fill(account, representative)
        with pytest.raises(ValidationError) as excinfo:
            services.account_submit(
                account=account, user=representative, today=datetime.date(2017, 12, 31)
            )
        assert "har inte börjat" in str(excinfo.value)
        account.refresh_from_db()
        assert account.status == AccountStatus.DRAFT

    def test_administrator_cannot_submit_for_the_organisation(self, account, administrator):
        with pytest.raises(ValidationError):
            services.account_submit(account=account, user=administrator, today=TODAY)


class TestReview:
    def test_return_needs_a_comment(self, submitted, administrator):
        with pytest.raises(ValidationError) as excinfo:
            services.account_return(account=submitted, user=administrator, comment=" ")
        assert "comment" in errors_of(excinfo)

    def test_every_round_is_kept(self, submitted, administrator, representative):
        services.account_return(
            account=submitted, user=administrator, comment="Bifoga revisorns rapport."
        )
        assert submitted.status == AccountStatus.RETURNED
        services.account_save(account=submitted, user=representative, narrative="Rättad")
        services.account_submit(account=submitted, user=representative, today=TODAY)
        services.account_approve(account=submitted, user=administrator)
        assert submitted.status == AccountStatus.APPROVED
        rounds = list(
            AccountReview.objects.filter(account=submitted).values_list(
                "round", "decision", "comment", "reviewer"
            )
        )
        assert rounds == [
            (1, ReviewDecision.RETURNED, "Bifoga revisorns rapport.", administrator.pk),
            (2, ReviewDecision.APPROVED, "", administrator.pk),
        ]

    def test_only_a_submitted_account_is_reviewed(self, account, administrator):
        with pytest.raises(ValidationError):
            services.account_approve(account=account, user=administrator)

    def test_approved_twice_is_refused(self, submitted, administrator):
        services.account_approve(account=submitted, user=administrator)
        with pytest.raises(ValidationError):
            services.account_approve(account=submitted, user=administrator)
        assert AccountReview.objects.count() == 1

    @pytest.mark.parametrize("who", ["official", "other_administrator", "representative"])
    def test_only_the_bodys_administrators_review(self, request, submitted, who):
        user = request.getfixturevalue(who)
        with pytest.raises(ValidationError):
            services.account_approve(account=submitted, user=user)
        submitted.refresh_from_db()
        assert submitted.status == AccountStatus.SUBMITTED


class TestSettlement:
    def _approve_with_unspent(self, account, representative, administrator):
        fill(account, representative, unspent=Decimal("12500"))
        services.account_submit(account=account, user=representative, today=TODAY)
        return services.account_approve(account=account, user=administrator)

    def test_no_unspent_money_no_proposal(self, submitted, administrator):
        services.account_approve(account=submitted, user=administrator)
        assert not Settlement.objects.exists()

    def test_proposes_repayment_without_a_planned_payment(
        self, account, representative, administrator
    ):
        self._approve_with_unspent(account, representative, administrator)
        settlement = account.settlement
        assert (settlement.kind, settlement.amount) == (SettlementKind.REPAYMENT, Decimal("12500"))
        assert settlement.decision == SettlementDecision.PENDING

    def test_proposes_reducing_the_next_planned_payment(
        self, account, representative, administrator, periods
    ):
        payment = Payment.objects.create(
            partnership=account.party.partnership,
            party=account.party,
            period=periods[1],
            due_date=datetime.date(2018, 1, 1),
            covers_from=datetime.date(2018, 1, 1),
            covers_to=datetime.date(2018, 3, 31),
            amount=Decimal("177958.25"),
            status=PaymentStatus.PLANNED,
        )
        self._approve_with_unspent(account, representative, administrator)
        assert account.settlement.kind == SettlementKind.REDUCTION
        assert account.settlement.next_payment == payment

    def test_decision_is_recorded_once(self, account, representative, administrator):
        self._approve_with_unspent(account, representative, administrator)
        settlement = services.settlement_decide(
            settlement=account.settlement, user=administrator, accept=True
        )
        assert settlement.decision == SettlementDecision.ACCEPTED
        assert settlement.decided_by == administrator
        with pytest.raises(ValidationError):
            services.settlement_decide(settlement=settlement, user=administrator, accept=False)

    def test_rejection_needs_a_reason(self, account, representative, administrator):
        self._approve_with_unspent(account, representative, administrator)
        with pytest.raises(ValidationError) as excinfo:
            services.settlement_decide(
                settlement=account.settlement, user=administrator, accept=False
            )
        assert "note" in errors_of(excinfo)


class TestSettlementReducesThePayment:
    """Accepting a reduction lowers the next planned payment through finance, in the same
    transaction as the decision."""

    @pytest.fixture
    def payment(self, account, periods):
        return Payment.objects.create(
            partnership=account.party.partnership,
            party=account.party,
            period=periods[1],
            due_date=datetime.date(2018, 1, 1),
            covers_from=datetime.date(2018, 1, 1),
            covers_to=datetime.date(2018, 3, 31),
            amount=Decimal("177958.25"),
            status=PaymentStatus.PLANNED,
        )

    @pytest.fixture
    def settlement(self, account, representative, administrator, payment):
        fill(account, representative, unspent=Decimal("12500"))
        services.account_submit(account=account, user=representative, today=TODAY)
        services.account_approve(account=account, user=administrator)
        settlement = account.settlement
        assert (settlement.kind, settlement.next_payment) == (SettlementKind.REDUCTION, payment)
        return settlement

    def test_accepting_lowers_the_next_planned_payment(self, settlement, payment, administrator):
        services.settlement_decide(settlement=settlement, user=administrator, accept=True)
        payment.refresh_from_db()
        assert payment.amount == Decimal("165458.25")
        assert payment.reduced_by == Decimal("12500.00")
        event = payment.events.get()
        assert event.user == administrator
        assert "165\u00a0458,25\u00a0kr" in event.note
        account = settlement.account
        # Which account the money came from, as data (no translated text stored).
        assert event.note.endswith(f"{account.period.label}, {account.party.organisation.name}")

    def test_rejecting_leaves_the_payment_alone(self, settlement, payment, administrator):
        services.settlement_decide(
            settlement=settlement, user=administrator, accept=False, note="Återbetalas i stället"
        )
        payment.refresh_from_db()
        assert payment.amount == Decimal("177958.25")
        assert not payment.events.exists()

    def test_a_payment_approved_meanwhile_refuses_the_decision_and_saves_nothing(
        self, settlement, payment, administrator
    ):
        Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.APPROVED)
        with pytest.raises(ValidationError) as excinfo:
            services.settlement_decide(settlement=settlement, user=administrator, accept=True)
        assert "Bara en planerad betalning kan ändras." in str(excinfo.value)
        settlement.refresh_from_db()
        payment.refresh_from_db()
        assert settlement.decision == SettlementDecision.PENDING
        assert payment.amount == Decimal("177958.25")

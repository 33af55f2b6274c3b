"""One transition helper for every state machine: the table decides, the row is locked, the
update is conditional, and each move leaves an event row and a history row with who did it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from common.transitions import transition
from finance import services as finance_services
from finance.constants import PaymentStatus
from finance.models import Payment, PaymentEvent
from finance.services.payments import LIFECYCLE as PAYMENT_LIFECYCLE
from partnerships import services as partnership_services
from partnerships.constants import Status
from partnerships.models import StatusChange
from portal import services as portal_services
from portal.constants import AccountStatus, ReportStatus
from portal.models import AccountEvent, ActivityReport, ReportEvent
from tests.factories import PartnershipFactory
from tests.portal.conftest import TODAY, fill

pytestmark = pytest.mark.django_db


def _latest_history(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


def test_a_move_the_table_does_not_allow_is_refused_and_nothing_is_written(
    bris_scheduled, administrator
):
    payment = bris_scheduled.payments.first()
    with pytest.raises(ValidationError) as exc:
        transition(
            lifecycle=PAYMENT_LIFECYCLE,
            obj=payment,
            to_status=PaymentStatus.PAID,
            user=administrator,
        )
    assert exc.value.messages == ["En utbetalning som är ”Planerad” kan inte bli ”Utbetald”."]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PLANNED
    assert not PaymentEvent.objects.filter(payment=payment).exists()


def test_a_change_between_the_lock_and_the_update_refuses_the_move(bris_scheduled, administrator):
    """The conditional update is the second guard: here the row changes under the check."""
    payment = bris_scheduled.payments.first()

    def meanwhile(locked):
        Payment.objects.filter(pk=locked.pk).update(status=PaymentStatus.STOPPED)

    with pytest.raises(ValidationError) as exc:
        transition(
            lifecycle=PAYMENT_LIFECYCLE,
            obj=payment,
            to_status=PaymentStatus.APPROVED,
            user=administrator,
            check=meanwhile,
        )
    assert "samma ögonblick" in exc.value.messages[0]
    assert not PaymentEvent.objects.filter(payment=payment).exists()


def test_a_payment_move_leaves_an_event_and_a_history_row(
    bris_scheduled, administrator, second_administrator
):
    payment = bris_scheduled.payments.first()
    finance_services.payment_approve(payment=payment, user=second_administrator)
    assert payment.status == PaymentStatus.APPROVED
    event = PaymentEvent.objects.get(payment=payment)
    assert (event.from_status, event.to_status, event.user) == (
        PaymentStatus.PLANNED,
        PaymentStatus.APPROVED,
        second_administrator,
    )
    record = _latest_history(payment)
    assert (record.status, record.history_type, record.history_user) == (
        PaymentStatus.APPROVED,
        "~",
        second_administrator,
    )


def test_a_partnership_move_leaves_a_status_change_and_a_history_row(
    public_body, organisation, administrator
):
    partnership = PartnershipFactory(public_body=public_body, organisations=[organisation])
    partnership_services.partnership_transition(
        partnership=partnership, to_status=Status.PROPOSED, user=administrator, note="Till nämnden"
    )
    change = StatusChange.objects.get(partnership=partnership)
    assert (change.from_status, change.to_status, change.note) == (
        Status.DRAFT,
        Status.PROPOSED,
        "Till nämnden",
    )
    assert _latest_history(partnership).status == Status.PROPOSED
    assert partnership.status == Status.PROPOSED


class TestAccountsAndReports:
    @pytest.fixture(autouse=True)
    def _portal_fixtures(self, request):
        for name in ("account", "representative", "administrator"):
            setattr(self, name, request.getfixturevalue(name))

    def test_submit_and_approve_leave_events_and_history(self):
        fill(self.account, self.representative)
        portal_services.account_submit(account=self.account, user=self.representative, today=TODAY)
        portal_services.account_approve(account=self.account, user=self.administrator)
        moves = list(
            AccountEvent.objects.filter(account=self.account).values_list(
                "from_status", "to_status", "user"
            )
        )
        assert moves == [
            (AccountStatus.DRAFT, AccountStatus.SUBMITTED, self.representative.pk),
            (AccountStatus.SUBMITTED, AccountStatus.APPROVED, self.administrator.pk),
        ]
        statuses = list(
            self.account.history.order_by("history_date", "history_id").values_list(
                "status", flat=True
            )
        )
        assert statuses[-2:] == [AccountStatus.SUBMITTED, AccountStatus.APPROVED]

    def test_a_report_submission_leaves_an_event(self):
        partnership = self.account.party.partnership
        report = portal_services.report_create(
            partnership=partnership,
            period=self.account.period,
            kind="half_year",
            organisation=self.account.party.organisation,
            user=self.representative,
        )
        assert report.allowed_transitions == (ReportStatus.SUBMITTED,)
        portal_services.report_submit(
            report=report, user=self.representative, today=datetime.date(2018, 2, 1)
        )
        report = ActivityReport.objects.get(pk=report.pk)
        assert report.allowed_transitions == ()
        event = ReportEvent.objects.get(report=report)
        assert (event.from_status, event.to_status, event.user) == (
            ReportStatus.DRAFT,
            ReportStatus.SUBMITTED,
            self.representative,
        )
        assert _latest_history(report).status == ReportStatus.SUBMITTED

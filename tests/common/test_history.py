"""A complete history: every domain model keeps one (django-simple-history), no service writes
past it (bulk writes and conditional UPDATEs leave history rows too), and the writes that once
left none now record who changed what, from which value to which."""

import ast
import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from finance import services as finance_services
from finance.constants import PaymentStatus
from finance.models import BudgetLine
from partnerships import services as partnership_services
from partnerships.models import CriterionAssessment
from portal import services as portal_services
from portal.constants import AccountStatus, SettlementDecision
from portal.models import AccountAttachment, AccountLine
from tests.portal.conftest import TODAY, fill

# Models that keep no history of their own, each for a reason. Everything else in the
# project's apps must.
WITHOUT_HISTORY = {
    # Append-only event rows: each is itself the record of one change (who, when, from, to),
    # written once by the transition helper and never changed.
    "partnerships.StatusChange": "event row of a partnership's status change",
    "finance.PaymentEvent": "event row of a payment's move",
    "portal.AccountEvent": "event row of an annual account's move",
    "portal.ReportEvent": "event row of an activity report's move",
    "api.ApiWrite": "the log of changes made through the API",
    # SIE exports: each batch is written once (who, when, the file and its SHA-256) with the
    # payments it holds, and neither is ever changed or deleted (PROTECT).
    "finance.SieBatch": "an SIE export, written once with who and when and never changed",
    "finance.SieBatchEntry": "a payment's place in an SIE batch, written once with the batch",
    # Technical, not the register's records.
    "accounts.SignInEvent": "the sign-in log itself",
    "accounts.UserSession": "which sessions a user has open (sign-out everywhere)",
    "accounts.ExternalIdentity": "the single sign-on subject linked to an account",
    "portal.ReminderSent": "a log that keeps one reminder per item, person and day",
    "jobs.Job": "the background queue's work items (state, attempts), not register data",
    "reporting.OpenDataSet": "open data built from the register, rebuilt when a source moves",
    "reporting.OpenDataGrant": "a stored row of the built open data, rebuilt with its set",
}


def _project_models():
    root = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != root:  # the project's own apps only
            continue
        for model in config.get_models():
            if model.__name__.startswith("Historical") and hasattr(model, "instance_type"):
                continue  # the history tables themselves
            yield model


def test_every_domain_model_keeps_a_history():
    missing = [
        model._meta.label
        for model in _project_models()
        if model._meta.label not in WITHOUT_HISTORY
        and not hasattr(model._meta, "simple_history_manager_attribute")
    ]
    assert not missing, (
        f"These models keep no history: {missing}. Give each `history = HistoricalRecords()` "
        "(or, for a technical table, a reason in WITHOUT_HISTORY)."
    )


def test_the_list_of_models_without_history_is_current():
    labels = {model._meta.label for model in _project_models()}
    assert set(WITHOUT_HISTORY) <= labels
    with_history = [
        label
        for label in WITHOUT_HISTORY
        if hasattr(apps.get_model(label)._meta, "simple_history_manager_attribute")
    ]
    assert not with_history


# --- No write past the history -------------------------------------------------------------

APP_DIRS = [
    "accounts",
    "api",
    "bodies",
    "common",
    "finance",
    "governance",
    "organisations",
    "pages",
    "partnerships",
    "portal",
    "reporting",
    "search",
]
# Queryset UPDATEs that need no history row, each for a reason.
UPDATE_WITHOUT_HISTORY = {
    ("api/services.py", "ApiToken"): "sets only last_used_at, which its history excludes",
}
BULK_WRITES = {"bulk_create", "bulk_update"}


def _receiver_root(node: ast.AST) -> tuple[str | None, bool]:
    """The name a call chain starts from (`Payment` in `Payment.objects.filter().update()`)
    and whether the chain goes through a manager or a queryset."""
    through_queryset = False
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            if node.attr in {"objects", "_default_manager", "filter", "exclude", "all"}:
                through_queryset = True
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id, through_queryset
        else:
            return None, through_queryset


def _historical(name: str | None) -> bool:
    """Whether a name is a model with history (unknown names count as having one)."""
    for model in apps.get_models():
        if model.__name__ == name:
            return hasattr(model._meta, "simple_history_manager_attribute")
    return True


def _unrecorded_writes(path: Path, relative: str) -> list[str]:
    tree = ast.parse(path.read_text())
    problems = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        calls = [node for node in ast.walk(function) if isinstance(node, ast.Call)]
        records_history = [
            node.lineno
            for node in calls
            if isinstance(node.func, ast.Name) and node.func.id == "record_history"
        ]
        for call in calls:
            if not isinstance(call.func, ast.Attribute):
                continue
            method = call.func.attr
            if method not in BULK_WRITES | {"update"}:
                continue
            root, through_queryset = _receiver_root(call.func.value)
            if not through_queryset or not _historical(root):
                continue
            where = f"{relative}:{call.lineno} {root}.….{method}()"
            if method in BULK_WRITES:
                problems.append(f"{where}: use simple_history's {method}_with_history")
            elif (relative, root) not in UPDATE_WITHOUT_HISTORY and not any(
                line > call.lineno for line in records_history
            ):
                problems.append(f"{where}: call record_history() after the UPDATE")
    return problems


def test_no_service_writes_past_the_history():
    """A bulk write or a queryset UPDATE sends no save signal, so simple_history sees nothing:
    each must be the `*_with_history` variant or be followed by `record_history()`."""
    root = Path(settings.BASE_DIR)
    problems = []
    for app in APP_DIRS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            problems += _unrecorded_writes(path, str(path.relative_to(root)))
    assert not problems, "\n".join(problems)


# --- The writes that once left no history -----------------------------------------------


def _changes(record):
    """(field, old, new) for each tracked field the record changed against the one before."""
    previous = record.prev_record
    return {
        (field.name, getattr(previous, field.attname), getattr(record, field.attname))
        for field in record.tracked_fields
        if field.name != "updated_at"
        and getattr(previous, field.attname) != getattr(record, field.attname)
    }


def _latest(queryset):
    return queryset.order_by("-history_date", "-history_id").first()


@pytest.mark.django_db
class TestHolesClosed:
    def test_account_line_amounts_record_old_and_new(self, account, representative):
        fill(account, representative)
        line = account.lines.get(category="Material")
        portal_services.account_save(
            account=account,
            user=representative,
            lines={line.pk: (Decimal("9500"), "Dyrare pennor")},
        )
        record = _latest(line.history)
        assert (record.history_type, record.history_user) == ("~", representative)
        assert _changes(record) == {
            ("actual", Decimal("8000.00"), Decimal("9500")),
            ("explanation", "", "Dyrare pennor"),
        }
        # An unchanged line gets no empty history row.
        other = account.lines.get(category="Personal")
        assert other.history.count() == 2  # created, filled in

    def test_account_lines_are_created_with_history(self, account):
        assert AccountLine.history.filter(account_id=account.pk, history_type="+").count() == 4

    def test_submit_and_approve_record_the_new_status_and_who(
        self, account, representative, administrator
    ):
        fill(account, representative)
        portal_services.account_submit(account=account, user=representative, today=TODAY)
        submitted = _latest(account.history)
        assert (submitted.status, submitted.history_user) == (
            AccountStatus.SUBMITTED,
            representative,
        )
        assert ("status", AccountStatus.DRAFT, AccountStatus.SUBMITTED) in _changes(submitted)
        portal_services.account_approve(account=account, user=administrator)
        approved = _latest(account.history)
        assert (approved.status, approved.history_user) == (AccountStatus.APPROVED, administrator)
        assert ("status", AccountStatus.SUBMITTED, AccountStatus.APPROVED) in _changes(approved)

    def test_a_settlement_decision_is_in_its_history(self, account, representative, administrator):
        fill(account, representative, unspent=Decimal("1000"))
        portal_services.account_submit(account=account, user=representative, today=TODAY)
        portal_services.account_approve(account=account, user=administrator)
        settlement = portal_services.settlement_decide(
            settlement=account.settlement, user=administrator, accept=False, note="Nej"
        )
        record = _latest(settlement.history)
        assert (record.decision, record.history_user) == (
            SettlementDecision.REJECTED,
            administrator,
        )
        assert (
            "decision",
            SettlementDecision.PENDING,
            SettlementDecision.REJECTED,
        ) in _changes(record)

    def test_budget_lines_record_old_and_new(self, budgets, periods, administrator):
        budget = budgets.budgets.get(period=periods[0])
        lines = [("Personal", Decimal("678833")), ("Material", Decimal("9000"))]
        finance_services.budget_save(
            appendix=budgets, period=periods[0], lines=lines, user=administrator
        )
        material = budget.lines.get(category="Material")
        record = _latest(material.history)
        assert (record.history_type, record.history_user) == ("~", administrator)
        assert _changes(record) == {("amount", Decimal("8000.00"), Decimal("9000"))}
        # The two lines no longer given are deleted, by whom.
        deleted = BudgetLine.history.filter(budget_id=budget.pk, history_type="-")
        assert sorted(deleted.values_list("category", "history_user")) == [
            ("Mat och dryck", administrator.pk),
            ("Resekostnader", administrator.pk),
        ]

    def test_a_deleted_attachment_leaves_its_history(
        self, account, representative, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        attachment = portal_services.attachment_add(
            account=account,
            user=representative,
            kind="financial_statement",
            upload=SimpleUploadedFile("bokslut.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
        )
        pk = attachment.pk
        portal_services.attachment_remove(attachment=attachment, user=representative)
        assert not AccountAttachment.objects.filter(pk=pk).exists()
        kinds = list(
            AccountAttachment.history.filter(id=pk)
            .order_by("history_date")
            .values_list("history_type", "original_name", "history_user")
        )
        assert kinds == [
            ("+", "bokslut.pdf", representative.pk),
            ("-", "bokslut.pdf", representative.pk),
        ]

    def test_a_paid_payment_history_says_paid(
        self, bris_scheduled, administrator, second_administrator
    ):
        payment = bris_scheduled.payments.order_by("due_date").first()
        finance_services.payment_approve(payment=payment, user=second_administrator)
        finance_services.payment_pay(
            payment=payment, user=administrator, paid_on=datetime.date(2017, 1, 2)
        )
        record = _latest(payment.history)
        assert (record.status, record.paid_on, record.history_user) == (
            PaymentStatus.PAID,
            datetime.date(2017, 1, 2),
            administrator,
        )
        assert ("status", PaymentStatus.APPROVED, PaymentStatus.PAID) in _changes(record)
        statuses = list(
            payment.history.order_by("history_date", "history_id").values_list("status", flat=True)
        )
        assert statuses == [PaymentStatus.PLANNED, PaymentStatus.APPROVED, PaymentStatus.PAID]

    def test_criteria_rows_are_created_with_history(self, public_body, organisation):
        partnership = partnership_services.partnership_create(
            public_body=public_body,
            title="Läxhjälp",
            registry_number="1/2026",
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2026, 12, 31),
        )
        rows = CriterionAssessment.objects.filter(partnership=partnership).count()
        assert rows and (
            CriterionAssessment.history.filter(
                partnership_id=partnership.pk, history_type="+"
            ).count()
            == rows
        )

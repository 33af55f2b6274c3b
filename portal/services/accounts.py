"""Annual financial accounts: create from the budget, save a draft, submit, review, settle.

One function per transition. Each re-reads the account under a lock (select_for_update), checks
that its status may make the move (ACCOUNT_TRANSITIONS) and moves it with a conditional UPDATE,
so two clicks at once do the work once. Refusals are Swedish ValidationErrors keyed by the form
field they belong to (`AccountLine.field_name(...)` for a line's fields)."""

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common.formatting import format_kronor
from common.transitions import Lifecycle, record_history, transition
from common.versions import Rows, Versioned
from finance.constants import PaymentStatus
from finance.models import Budget, BudgetPeriod, CoFinancing, Payment
from finance.services.payments import payment_reduce
from partnerships.models import Party
from portal.constants import (
    ACCOUNT_TRANSITIONS,
    HANDED_IN_ACCOUNT_STATUSES,
    AccountStatus,
    ReviewDecision,
    SettlementDecision,
    SettlementKind,
)
from portal.models import AccountEvent, AccountLine, AccountReview, AnnualAccount, Settlement
from portal.permissions import (
    can_edit_account,
    can_fill_account,
    can_review_account,
    can_start_account,
)

ACCOUNT_FIELDS = (
    "other_income",
    "other_income_note",
    "own_money",
    "own_in_kind",
    "own_in_kind_value",
    "unspent",
    "unspent_reason",
    "narrative",
)
MONEY_FIELDS = ("other_income", "own_money", "own_in_kind_value", "unspent")
# What the account form covers (common.versions): its figures and each line's.
ACCOUNT_VERSION = Versioned(
    AnnualAccount, ACCOUNT_FIELDS, rows=(Rows("lines", ("actual", "explanation")),)
)


def _refuse(message, field=NON_FIELD_ERRORS):
    raise ValidationError({field: message})


def check_money(value, *, field: str) -> None:
    """Forms refuse these already; the service refuses them again for every other caller."""
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        _refuse(_("Enter an amount in kronor, for example 8000 or 8000,50."), field)
    if value < 0:
        _refuse(_("The amount cannot be negative."), field)
    if value.as_tuple().exponent < -2:
        _refuse(_("Enter at most two decimals (öre)."), field)


def budget_for(*, party: Party, period: BudgetPeriod) -> Budget | None:
    return (
        Budget.objects.filter(appendix__party=party, period=period)
        .order_by("-appendix__version")
        .prefetch_related("lines")
        .first()
    )


@transaction.atomic
def account_create(*, party: Party, period: BudgetPeriod, user) -> AnnualAccount:
    """Start the account of a contract year from the budget: one line per budget line with
    the budget amount copied. Returns the existing account if there is one."""
    if period.partnership_id != party.partnership_id:
        _refuse(_("The contract year belongs to another partnership."))
    if not can_start_account(user, party):
        _refuse(_("Only the organisation's representatives fill in its annual account."))
    existing = AnnualAccount.objects.filter(party=party, period=period).first()
    if existing:
        return existing
    budget = budget_for(party=party, period=period)
    if budget is None:
        _refuse(
            _(
                "There is no budget for %(period)s yet. The administration enters the budget "
                "before the account can be filled in."
            )
            % {"period": period.label}
        )
    co_financing = CoFinancing.objects.filter(party=party, period=period).first()
    account = AnnualAccount.objects.create(
        party=party,
        period=period,
        own_money=(co_financing.amount if co_financing and co_financing.amount else Decimal("0")),
        own_in_kind=co_financing.in_kind if co_financing else "",
        own_in_kind_value=co_financing.valuation if co_financing else None,
    )
    bulk_create_with_history(
        [
            AccountLine(
                account=account,
                budget_line=line,
                category=line.category,
                budget_amount=line.amount,
            )
            for line in budget.lines.all()
        ],
        AccountLine,
    )
    return account


def _locked(account: AnnualAccount) -> AnnualAccount:
    return (
        AnnualAccount.objects.select_for_update()
        .select_related("party__partnership", "period")
        .get(pk=account.pk)
    )


@transaction.atomic
def account_save(
    *,
    account: AnnualAccount,
    user,
    lines: Mapping[int, tuple[Decimal | None, str]] | None = None,
    version: str | None = None,
    **fields,
) -> AnnualAccount:
    """Save the organisation's figures as they are (a draft may be incomplete). `lines` maps
    an account line's id to (actual cost, explanation). `version` (ACCOUNT_VERSION), when
    given, is what the form showed: a save over a newer one is refused (common.versions).

    The unspent money is computed from the lines (budget minus actual). `unspent` given and
    different from that is an override and needs `unspent_reason` (recorded); `unspent` None
    (or the computed figure) goes back to the computed one. Not given, an earlier override
    stays, and an account without one follows its lines."""
    locked = _locked(account)
    if locked.status not in (AccountStatus.DRAFT, AccountStatus.RETURNED):
        _refuse(
            _("The account has been submitted and can no longer be changed by the organisation.")
        )
    if not can_edit_account(user, locked):
        _refuse(_("Only the organisation's representatives fill in its annual account."))
    unknown = set(fields) - set(ACCOUNT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown account fields: {sorted(unknown)}")
    ACCOUNT_VERSION.check(version, locked)
    errors = {}
    for name in MONEY_FIELDS:
        if name in fields:
            try:
                check_money(fields[name], field=name)
            except ValidationError as exc:
                errors.update(exc.message_dict)
    if fields.get("other_income") is None and "other_income" in fields:
        fields["other_income"] = Decimal("0")
    if fields.get("own_money") is None and "own_money" in fields:
        fields["own_money"] = Decimal("0")
    by_pk = {line.pk: line for line in locked.lines.all()}
    changed_lines = []
    for pk, (actual, explanation) in (lines or {}).items():
        line = by_pk.get(pk)
        if line is None:
            _refuse(_("The line does not belong to this account."))
        try:
            check_money(actual, field=line.field_name("actual"))
        except ValidationError as exc:
            errors.update(exc.message_dict)
        explanation = (explanation or "").strip()
        if (line.actual, line.explanation) != (actual, explanation):
            line.actual, line.explanation = actual, explanation
            changed_lines.append(line)
    if errors:
        raise ValidationError(errors)
    computed = max(
        sum(
            (
                line.budget_amount - line.actual
                for line in by_pk.values()
                if line.actual is not None
            ),
            Decimal("0"),
        ),
        Decimal("0"),
    )
    unspent, reason = locked.unspent, locked.unspent_reason
    if "unspent" in fields or "unspent_reason" in fields:
        unspent = fields.pop("unspent", unspent if reason else None)
        reason = (fields.pop("unspent_reason", reason) or "").strip()
    elif not reason:
        unspent = computed  # no override: the figure follows the lines
    if unspent is None or unspent == computed:
        unspent, reason = computed, ""
    elif not reason:
        errors["unspent_reason"] = _(
            "Unspent money is budget minus actual: %(computed)s. Give the reason for another "
            "amount."
        ) % {"computed": format_kronor(computed)}
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.unspent, locked.unspent_reason = unspent, reason
    locked.save(update_fields=[*fields, "unspent", "unspent_reason", "updated_at"])
    # One history row per changed line, with who changed it (a bulk UPDATE sends no signal).
    bulk_update_with_history(
        changed_lines, AccountLine, ["actual", "explanation"], default_user=user
    )
    account.refresh_from_db()
    return account


def submission_errors(account: AnnualAccount, *, today: datetime.date) -> dict[str, list[str]]:
    """What stands in the way of submitting, keyed by form field: a year not started, a line
    without its actual cost, a flagged deviation without an explanation."""
    errors: dict[str, list[str]] = {}
    if account.period.start > today:
        errors[NON_FIELD_ERRORS] = [
            _(
                "The contract year %(period)s has not started yet (it begins %(start)s): an "
                "account can only be submitted for a year that has begun."
            )
            % {"period": account.period.label, "start": account.period.start.isoformat()}
        ]
    for line in account.lines.all():
        if line.actual is None:
            errors[line.field_name("actual")] = [_("Enter the actual cost of this line.")]
        elif line.is_flagged and not line.explanation.strip():
            errors[line.field_name("explanation")] = [
                _(
                    "The actual cost deviates from the budget by %(percent)s %%: explain the "
                    "deviation before submitting."
                )
                % {
                    "percent": number_format(line.deviation_percent, 1)
                    if line.budget_amount
                    else "100"
                }
            ]
    return errors


def _record_event(locked, from_status, to_status, user, note) -> AccountEvent:
    return AccountEvent.objects.create(
        account=locked, from_status=from_status, to_status=to_status, user=user, note=note
    )


LIFECYCLE = Lifecycle(
    model=AnnualAccount,
    transitions=ACCOUNT_TRANSITIONS,
    statuses=AccountStatus,
    refusal=gettext_lazy("An account that is “%(from)s” cannot become “%(to)s”."),
    concurrent_change=gettext_lazy(
        "Someone else changed the account at the same moment. Reload the page."
    ),
    record_event=_record_event,
)


def _move(*, locked: AnnualAccount, to_status: str, user, note: str = "", **updates) -> None:
    """The callers have checked the locked row; the transition locks it again (a no-op in the
    same transaction) and moves it."""
    transition(
        lifecycle=LIFECYCLE,
        obj=locked,
        to_status=to_status,
        user=user,
        note=note,
        updates=updates,
        select_related=("party__partnership", "period"),
    )


@transaction.atomic
def account_submit(
    *, account: AnnualAccount, user, today: datetime.date | None = None
) -> AnnualAccount:
    """Hand the account in. After this the organisation cannot change it."""
    today = today or timezone.localdate()
    locked = _locked(account)
    if locked.status in HANDED_IN_ACCOUNT_STATUSES:
        _refuse(_("The account has already been submitted."))
    if not can_fill_account(user, locked):
        _refuse(_("Only the organisation's representatives fill in its annual account."))
    errors = submission_errors(locked, today=today)
    if errors:
        raise ValidationError(errors)
    _move(
        locked=locked,
        to_status=AccountStatus.SUBMITTED,
        user=user,
        submitted_at=timezone.now(),
        submitted_by=user,
    )
    account.refresh_from_db()
    return account


def _review(*, account: AnnualAccount, user, decision: str, comment: str) -> AnnualAccount:
    locked = _locked(account)
    if not can_review_account(user, locked):
        _refuse(_("Only an administrator of the public body reviews accounts."))
    if locked.status != AccountStatus.SUBMITTED:
        _refuse(_("Only a submitted account can be reviewed."))
    _move(locked=locked, to_status=decision, user=user, note=comment)
    AccountReview.objects.create(
        account=locked,
        round=locked.reviews.count() + 1,
        decision=decision,
        comment=comment,
        reviewer=user,
    )
    return locked


@transaction.atomic
def account_return(*, account: AnnualAccount, user, comment: str) -> AnnualAccount:
    """Send the account back to the organisation, saying what to correct."""
    comment = (comment or "").strip()
    if not comment:
        _refuse(_("Say what the organisation should correct."), "comment")
    _review(account=account, user=user, decision=ReviewDecision.RETURNED, comment=comment)
    account.refresh_from_db()
    return account


def next_planned_payment(*, account: AnnualAccount) -> Payment | None:
    return (
        Payment.objects.filter(
            party=account.party,
            status=PaymentStatus.PLANNED,
            due_date__gt=account.period.end,
        )
        .order_by("due_date", "pk")
        .first()
    )


@transaction.atomic
def account_approve(*, account: AnnualAccount, user, comment: str = "") -> AnnualAccount:
    """Approve the account. Unspent money proposes a reduction of the next planned payment
    (or, when there is none, a repayment) for an administrator to accept or not."""
    locked = _review(
        account=account,
        user=user,
        decision=ReviewDecision.APPROVED,
        comment=(comment or "").strip(),
    )
    if locked.unspent > 0:
        payment = next_planned_payment(account=locked)
        if payment and payment.amount < locked.unspent:
            payment = None  # too small to set the money off against: propose a repayment
        Settlement.objects.update_or_create(
            account=locked,
            defaults={
                "kind": SettlementKind.REDUCTION if payment else SettlementKind.REPAYMENT,
                "amount": locked.unspent,
                "next_payment": payment,
            },
        )
    account.refresh_from_db()
    return account


@transaction.atomic
def settlement_decide(*, settlement: Settlement, user, accept: bool, note: str = "") -> Settlement:
    """Record whether the proposal is accepted. Accepting a reduction lowers the next planned
    payment through finance in the same transaction; a repayment is invoiced outside the app."""
    locked = (
        # Lock the settlement only: the next payment (a nullable join) is locked by finance.
        Settlement.objects.select_for_update(of=("self",))
        .select_related(
            "account__party__partnership",
            "account__party__organisation",
            "account__period",
            "next_payment",
        )
        .get(pk=settlement.pk)
    )
    if not can_review_account(user, locked.account):
        _refuse(_("Only an administrator of the public body decides on unspent money."))
    if locked.decision != SettlementDecision.PENDING:
        _refuse(_("The proposal has already been decided."))
    note = (note or "").strip()
    if not accept and not note:
        _refuse(_("Say why the proposal is not accepted."), "note")
    if accept and locked.kind == SettlementKind.REDUCTION and locked.next_payment_id:
        payment_reduce(
            payment=locked.next_payment,
            amount=locked.amount,
            user=user,
            # Stored as data, not as translated text: the administrator's note, else which
            # account the money comes from (period label and organisation, both data).
            reason=note
            or f"{locked.account.period.label}, {locked.account.party.organisation.name}",
        )
    Settlement.objects.filter(pk=locked.pk, decision=SettlementDecision.PENDING).update(
        decision=SettlementDecision.ACCEPTED if accept else SettlementDecision.REJECTED,
        note=note,
        decided_by=user,
        decided_at=timezone.now(),
    )
    locked.refresh_from_db()
    record_history(locked, user=user)  # the UPDATE, under the row lock, sends no signal
    settlement.refresh_from_db()
    return settlement

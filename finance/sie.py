"""Approved payments as an SIE 4i file (vouchers to import into the accounting system).

SIE 4: one #VER per payment, debit the expense account, credit the payables account, so every
voucher balances. The file is encoded in CP437 (#FORMAT PC8) as the SIE specification requires.
Accounts come from settings with defaults to adjust to the body's chart of accounts:
IOP_SIE_EXPENSE_ACCOUNT = ("4990", "Ersättning idéburna organisationer (IOP)") and
IOP_SIE_PAYABLE_ACCOUNT = ("2440", "Leverantörsskulder").
"""

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from .models import Payment

DEFAULT_EXPENSE_ACCOUNT = ("4990", "Ersättning idéburna organisationer (IOP)")
DEFAULT_PAYABLE_ACCOUNT = ("2440", "Leverantörsskulder")


def _quote(text: str) -> str:
    text = " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _date(day) -> str:
    return day.strftime("%Y%m%d")


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def sie_lines(*, payments: Iterable[Payment], user=None) -> list[str]:
    expense = getattr(settings, "IOP_SIE_EXPENSE_ACCOUNT", DEFAULT_EXPENSE_ACCOUNT)
    payable = getattr(settings, "IOP_SIE_PAYABLE_ACCOUNT", DEFAULT_PAYABLE_ACCOUNT)
    payments = list(payments)
    bodies = {payment.partnership.public_body for payment in payments}
    company = bodies.pop().name if len(bodies) == 1 else "IOP"
    signature = user.get_username() if user is not None else ""
    lines = [
        "#FLAGGA 0",
        "#FORMAT PC8",
        "#SIETYP 4",
        '#PROGRAM "IOP-registret" 1.0',
        f"#GEN {_date(timezone.localdate())} {_quote(signature)}",
        f"#FNAMN {_quote(company)}",
        f"#KONTO {expense[0]} {_quote(expense[1])}",
        f"#KONTO {payable[0]} {_quote(payable[1])}",
    ]
    for payment in payments:
        text = (
            f"IOP-{payment.pk} {payment.party.organisation.name} "
            f"{payment.covers_from.isoformat()}/{payment.covers_to.isoformat()}"
        )
        lines += [
            f'#VER "" "" {_date(payment.due_date)} {_quote(text)}',
            "{",
            f"#TRANS {expense[0]} {{}} {_amount(payment.amount)}",
            f"#TRANS {payable[0]} {{}} {_amount(-payment.amount)}",
            "}",
        ]
    return lines


def sie_vouchers(*, payments: Iterable[Payment], user=None) -> bytes:
    return ("\r\n".join(sie_lines(payments=payments, user=user)) + "\r\n").encode(
        "cp437", errors="replace"
    )

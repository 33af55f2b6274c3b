"""Approved payments as an SIE 4i file (vouchers to import into the accounting system).

SIE 4: one #VER per payment, debit the expense account, credit the payables account, so every
voucher balances. The file is encoded in CP437 (#FORMAT PC8) as the SIE specification requires.
Accounts are each body's (its settings page, `bodies.selectors.body_settings`), by default the
installation's IOP_SIE_EXPENSE_ACCOUNT ("4990", "Ersättning idéburna organisationer (IOP)") and
IOP_SIE_PAYABLE_ACCOUNT ("2440", "Leverantörsskulder"). A file of several bodies' payments books
each voucher on its own body's accounts.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone

from bodies.selectors import body_settings

from .models import Payment


def _quote(text: str) -> str:
    text = " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _date(day) -> str:
    return day.strftime("%Y%m%d")


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def sie_lines(*, payments: Iterable[Payment], user=None) -> list[str]:
    payments = list(payments)
    bodies = {payment.partnership.public_body for payment in payments}
    company = next(iter(bodies)).name if len(bodies) == 1 else "IOP"
    accounts = {body.pk: body_settings(body) for body in bodies}
    charts: dict[str, str] = {}
    for own in accounts.values():
        for number, name in (own.sie_expense_account, own.sie_payable_account):
            charts.setdefault(number, name)
    signature = user.get_username() if user is not None else ""
    lines = [
        "#FLAGGA 0",
        "#FORMAT PC8",
        "#SIETYP 4",
        '#PROGRAM "IOP-registret" 1.0',
        f"#GEN {_date(timezone.localdate())} {_quote(signature)}",
        f"#FNAMN {_quote(company)}",
        *(f"#KONTO {number} {_quote(name)}" for number, name in sorted(charts.items())),
    ]
    for payment in payments:
        own = accounts[payment.partnership.public_body_id]
        expense, payable = own.sie_expense_account, own.sie_payable_account
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

"""Approved payments as an SIE 4i file (vouchers to import into the accounting system).

SIE 4: one #VER per payment, debit the expense account, credit the payables account, so every
voucher balances. The file is encoded in CP437 (#FORMAT PC8) as the SIE specification requires.
Accounts are each body's (its settings page, `bodies.selectors.body_settings`), by default the
installation's IOP_SIE_EXPENSE_ACCOUNT ("4990", "Ersättning idéburna organisationer (IOP)") and
IOP_SIE_PAYABLE_ACCOUNT ("2440", "Leverantörsskulder"). A file of several bodies' payments books
each voucher on its own body's accounts.

CP437 holds the Swedish letters (å ä ö Å Ä Ö é ü), so they stay; any other character is
transliterated (an en dash becomes "-", curly quotes straight ones, "ø" "o"), never "?" where a
reader could have been given something better.
"""

import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone

from bodies.selectors import body_settings

from .models import Payment

# What CP437 lacks, as the nearest ASCII a reader of the ledger would write.
TRANSLITERATIONS = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2015": "-",  # horizontal bar
    "\u2212": "-",  # minus sign
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2039": "'",
    "\u203a": "'",
    "\u2026": "...",
    "\u2022": "*",
    "\u00b7": ".",
    "\u2009": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u00a0": " ",
    "\u20ac": "EUR",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0142": "l",
    "\u0141": "L",
    "\u0111": "d",
    "\u0110": "D",
    "\u00fe": "th",
    "\u00de": "Th",
    "\u00f0": "d",
    "\u00d0": "D",
    "\u0153": "oe",
    "\u0152": "OE",
}


def _cp437_char(char: str) -> str:
    try:
        char.encode("cp437")
    except UnicodeEncodeError:
        pass
    else:
        return char
    if char in TRANSLITERATIONS:
        return TRANSLITERATIONS[char]
    # A letter with an accent CP437 lacks (š, ł is above): the letter without it.
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    try:
        base.encode("cp437")
    except UnicodeEncodeError:
        return "?"
    return base or "?"


def transliterate(text: str) -> str:
    """The text in characters CP437 has."""
    return "".join(_cp437_char(char) for char in text)


def _quote(text: str) -> str:
    # Transliterated before quoting, so a curly quote becomes an escaped straight one.
    text = " ".join(transliterate(str(text)).split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _date(day) -> str:
    return day.strftime("%Y%m%d")


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def sie_lines(*, payments: Iterable[Payment], user=None, batch_number=None) -> list[str]:
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
        *([f"#PROSA {_quote(f'SIE-batch {batch_number}')}"] if batch_number else []),
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


def sie_vouchers(*, payments: Iterable[Payment], user=None, batch_number=None) -> bytes:
    lines = sie_lines(payments=payments, user=user, batch_number=batch_number)
    return transliterate("\r\n".join(lines) + "\r\n").encode("cp437")

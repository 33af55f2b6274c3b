"""Swedish presentation of money and numbers, shared by pages, exports and PDFs."""

from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def format_kronor(amount, *, with_unit: bool = True) -> str:
    """711833 → "711 833 kr"; 177958.25 → "177 958,25 kr". Spaces are non-breaking."""
    if amount is None or amount == "":
        return ""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "−" if value < 0 else ""
    value = abs(value)
    whole, cents = divmod(value, 1)
    grouped = f"{int(whole):,}".replace(",", NBSP)
    text = grouped if cents == 0 else f"{grouped},{int(cents * 100):02d}"
    return f"{sign}{text}{NBSP}kr" if with_unit else f"{sign}{text}"


def format_amount_input(amount) -> str:
    """The value of an amount input, as the page writes amounts: 678833 → "678 833,00".

    Plain spaces, so that what the user copies or edits is ordinary text; KronorField reads
    it back (and "678833.00" too)."""
    if amount is None or amount == "":
        return ""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = divmod(abs(value), 1)
    return f"{sign}{int(whole):,}".replace(",", " ") + f",{int(cents * 100):02d}"

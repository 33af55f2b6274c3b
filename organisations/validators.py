"""Organisation numbers and giro numbers, checked with python-stdnum."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr


def normalise_org_number(value: str) -> str:
    """Return the canonical ten digits of an organisation number, or raise ValidationError.

    The twelve-digit form with the century prefix 16 (used by some registers) is accepted.
    """
    digits = "".join(ch for ch in str(value) if not ch.isspace())
    digits = digits.replace("-", "").replace("+", "")
    if not digits.isdigit():
        raise ValidationError(
            _("An organisation number may only contain digits and a hyphen, e.g. 802003-1954."),
            code="org_number_characters",
        )
    if len(digits) == 12:
        if not digits.startswith("16"):
            raise ValidationError(
                _("A twelve-digit organisation number must begin with 16."),
                code="org_number_prefix",
            )
        digits = digits[2:]
    if len(digits) != 10:
        raise ValidationError(
            _("An organisation number has ten digits (NNNNNN-NNNN)."),
            code="org_number_length",
        )
    try:
        return orgnr.validate(digits)
    except StdnumError:
        raise ValidationError(
            _("The check digit of the organisation number is wrong."),
            code="org_number_checksum",
        ) from None


def format_org_number(value: str | None) -> str:
    if not value:
        return ""
    return f"{value[:6]}-{value[6:]}"


def validate_org_number(value: str) -> None:
    normalise_org_number(value)


def normalise_giro(value: str, *, kind: str) -> str:
    """Bankgiro has 7–8 digits, plusgiro 2–8; both end in a Luhn check digit."""
    digits = "".join(ch for ch in str(value) if ch not in " -")
    if not digits.isdigit():
        raise ValidationError(
            _("A giro number may only contain digits and a hyphen."), code="giro_characters"
        )
    low, high = (7, 8) if kind == "bankgiro" else (2, 8)
    if not low <= len(digits) <= high:
        if kind == "bankgiro":
            message = _("A bankgiro number has 7 or 8 digits.")
        else:
            message = _("A plusgiro number has 2 to 8 digits.")
        raise ValidationError(message, code="giro_length")
    if not luhn.is_valid(digits):
        raise ValidationError(
            _("The check digit of the giro number is wrong."), code="giro_checksum"
        )
    return digits


def format_bankgiro(digits: str) -> str:
    return f"{digits[:-4]}-{digits[-4:]}" if digits else ""


def format_plusgiro(digits: str) -> str:
    return f"{digits[:-1]}-{digits[-1]}" if digits else ""


def validate_bankgiro(value: str) -> None:
    normalise_giro(value, kind="bankgiro")


def validate_plusgiro(value: str) -> None:
    normalise_giro(value, kind="plusgiro")

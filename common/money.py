"""Money in kronor and öre: the model field and the form field every app uses."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .formatting import format_amount_input

ZERO = Decimal("0")


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """An amount in kronor with öre, never negative unless validators say otherwise."""
    kwargs.setdefault("validators", [MinValueValidator(ZERO)])
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class KronorField(forms.DecimalField):
    """An amount in kronor as a Swede types it: "1 540 640,50" or "1540640.50"."""

    default_error_messages = {
        "invalid": _("Enter an amount in kronor, e.g. 711 833 or 177 958,25."),
        "min_value": _("The amount cannot be negative."),
        "max_decimal_places": _("An amount has at most two decimals (öre)."),
        "max_digits": _("The amount is too large."),
        "max_whole_digits": _("The amount is too large."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            for space in (" ", "\u00a0", "\u202f"):
                value = value.replace(space, "")
            value = value.removesuffix("kr").replace(",", ".")
        if value in self.empty_values:
            return None
        try:
            Decimal(value)
        except (InvalidOperation, TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)

    def prepare_value(self, value):
        # What the form was given (a Decimal from the database) is shown the Swedish way; what
        # the user typed comes back as they typed it.
        if isinstance(value, Decimal | int):
            return format_amount_input(value)
        return value

    def widget_attrs(self, widget):
        # No min/step attributes: the field is a text input so commas work.
        return {}

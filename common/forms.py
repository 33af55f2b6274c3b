"""Form helpers shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's refusal next to the fields it names; the rest on the form itself.
    Works on a form not yet sent too (a page that says up front why it cannot be used)."""
    if not form.is_bound:
        form.errors  # noqa: B018 - an unbound form starts its error dict on first access
        form.cleaned_data = {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class DateInput(forms.DateInput):
    """A native date picker; the value is sent as YYYY-MM-DD whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(attrs=attrs, **kwargs)

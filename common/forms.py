"""Form helpers shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError

from common.versions import VERSION_FIELD, StaleVersion


def version_field() -> forms.CharField:
    return forms.CharField(widget=forms.HiddenInput, required=False)


class VersionedForm:
    """A mixin for an edit form: a hidden `version` (common.versions) of what it showed,
    given by the view (`version=`, also when the form is sent: the field exists only then),
    sent back with the save and checked by the service. Without it (a form that creates), the
    form has no version field."""

    def __init__(self, *args, version: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields[VERSION_FIELD] = version_field()
            self.initial[VERSION_FIELD] = version

    def __getitem__(self, name):
        # A form that creates has no version field: `{{ form.version }}` then renders nothing
        # (the template would otherwise fall back to the property below and print "None").
        if name == VERSION_FIELD and VERSION_FIELD not in self.fields:
            return ""
        return super().__getitem__(name)

    @property
    def version(self) -> str | None:
        """The version sent back (after is_valid())."""
        return (getattr(self, "cleaned_data", None) or {}).get(VERSION_FIELD) or None


class VersionForm(VersionedForm, forms.Form):
    """Only the version: for a page that edits with a formset alone (the criteria)."""


def keep_input_with_version(form, version: str) -> None:
    """After a refusal over a newer version, the form keeps what was typed but now carries the
    current version: saving again is a knowing choice to keep one's own values."""
    data = form.data.copy()
    data[form.add_prefix(VERSION_FIELD)] = version
    form.data = data


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's refusal next to the fields it names; the rest on the form itself.
    Works on a form not yet sent too (a page that says up front why it cannot be used).
    A refusal over a newer version (StaleVersion) goes at the top of the form, which then
    carries the current version."""
    if not form.is_bound:
        form.errors  # noqa: B018 - an unbound form starts its error dict on first access
        form.cleaned_data = {}
    if isinstance(exc, StaleVersion) and VERSION_FIELD in form.fields:
        keep_input_with_version(form, exc.current_version)
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

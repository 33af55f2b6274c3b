"""Error summaries a screen reader user can act on: every error once, as a link to its field."""

from dataclasses import dataclass

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class ErrorItem:
    message: str
    anchor: str = ""  # the id of the field to jump to; empty for errors of the whole form


def _form_items(form, *, row: int | None = None) -> list[ErrorItem]:
    items = [ErrorItem(str(error)) for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            continue
        bound = form[name]
        label = str(bound.label)
        if row is not None:
            label = _("Row %(row)s, %(label)s") % {"row": row, "label": label}
        # Radio buttons and checkbox lists: the first option is what the label points at.
        anchor = bound.id_for_label or bound.auto_id or ""
        for error in errors:
            items.append(ErrorItem(f"{label}: {error}", anchor))
    return items


def error_items(*objects) -> list[ErrorItem]:
    """Every error of the given forms and formsets, in page order."""
    items: list[ErrorItem] = []
    for obj in objects:
        if isinstance(obj, BaseFormSet):
            if not obj.is_bound:
                continue
            items += [ErrorItem(str(error)) for error in obj.non_form_errors()]
            for number, form in enumerate(obj.forms, start=1):
                items += _form_items(form, row=number)
        elif isinstance(obj, forms.BaseForm) and (obj.is_bound or obj._errors):
            # An unbound form has errors only where a page said up front why it cannot be used.
            items += _form_items(obj)
    return items


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*objects):
    """{% error_summary form formset %}: a box listing each error as a link to its field."""
    return {"items": error_items(*objects)}


@register.simple_tag(takes_context=True)
def page_has_errors(context) -> bool:
    """Whether any bound form or formset on the page has errors (for "Fel:" in the title)."""
    seen = set()
    for value in context.flatten().values():
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, BaseFormSet | forms.BaseForm) and value.is_bound:
            if isinstance(value, BaseFormSet):
                if value.total_error_count():
                    return True
            elif value.errors:
                return True
    return False

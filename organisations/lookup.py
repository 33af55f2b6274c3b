"""Finding an organisation from what a user typed: a name, part of one, or an organisation
number. Used by list filters (a text field, never a <select> that grows with the register)
and by the suggestions endpoint that enhances them."""

import contextlib

from django.core.exceptions import ValidationError

from .models import Organisation
from .validators import format_org_number, normalise_org_number

SUGGESTION_LIMIT = 10


def organisation_label(organisation: Organisation) -> str:
    if organisation.org_number:
        return f"{organisation.name} ({format_org_number(organisation.org_number)})"
    return organisation.name


def _label_parts(term: str) -> tuple[str, str | None]:
    """A label as suggested ("Name (802003-1954)") resolves to its number; the name part
    is searched otherwise."""
    term = term.strip()
    if term.endswith(")") and "(" in term:
        name, _sep, number = term[:-1].rpartition("(")
        with contextlib.suppress(ValidationError):
            return name.strip(), normalise_org_number(number)
    return term, None


def resolve(term: str, among=None):
    """The organisations `term` stands for, from `among` (default: the whole register):
    one exact match (a label, an organisation number or the full name) when there is one,
    otherwise everything whose name or number contains it."""
    among = Organisation.objects.all() if among is None else among
    name, number = _label_parts(term or "")
    if not name and not number:
        return among.none()
    if number is None:
        with contextlib.suppress(ValidationError):
            number = normalise_org_number(name)
    if number:
        exact = among.filter(org_number=number)
        if exact.exists():
            return exact
    exact = among.filter(name__iexact=name)
    if exact.exists():
        return exact
    return among.search(name)


def suggestions(term: str, among=None, *, limit: int = SUGGESTION_LIMIT) -> list[dict]:
    term = (term or "").strip()
    if len(term) < 2:
        return []
    found = resolve(term, among).only("pk", "name", "org_number").order_by("name", "pk")
    return [
        {"value": organisation_label(organisation), "id": organisation.pk}
        for organisation in found[:limit]
    ]

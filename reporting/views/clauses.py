"""The clause library: a body's standard texts (its administrators'), and a partnership's own
texts in place of its body's. Another body's library is a 404, as its settings are."""

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from common.forms import add_service_errors
from organisations.models import Organisation
from reporting import permissions
from reporting.clauses import DEFAULT_TEXTS, PLACEHOLDERS, ClauseKey
from reporting.forms import ClauseTextForm
from reporting.models import ClauseText, PartnershipClause
from reporting.selectors import body_clauses, partnership_clauses
from reporting.services.clauses import (
    CLAUSE_TEXT_VERSION,
    PARTNERSHIP_CLAUSE_VERSION,
    clause_text_save,
    partnership_clause_save,
)

from .common import _partnership, _require


def _body(request, body_pk) -> Organisation:
    body = get_object_or_404(Organisation.objects.public_bodies(), pk=body_pk)
    if not permissions.can_edit_clause_library(request.user, body):
        raise Http404
    return body


def _key(key: str) -> str:
    if key not in ClauseKey.values:
        raise Http404
    return key


def _placeholders() -> list[tuple[str, str]]:
    return [(f"{{{name}}}", str(description)) for name, description in PLACEHOLDERS.items()]


def _saved(request, form, save: Callable[..., object], success: str) -> bool:
    """Save a posted clause form with `save(text, version)`: True when saved (and `success`
    said); False when nothing was posted, or the form or the service refused it, the
    service's reasons next to its fields (the text typed is kept)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(text=form.cleaned_data["text"], version=form.version)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, success)
    return True


def _clause_form(request, form, key, current, owner: dict, *, default_text: str):
    """The clause's form for a body or a partnership (`owner`), with its earlier versions; a
    refused post answers 400."""
    return render(
        request,
        "reporting/clause_form.html",
        {
            **owner,
            "key": key,
            "label": ClauseKey(key).label,
            "form": form,
            "current": current,
            "default_text": default_text,
            "placeholders": _placeholders(),
            "versions": current.history.order_by("-number", "-history_date") if current else [],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def clause_library(request, body_pk):
    body = _body(request, body_pk)
    return render(
        request, "reporting/clause_library.html", {"body": body, "clauses": body_clauses(body)}
    )


@login_required
def clause_edit(request, body_pk, key):
    body = _body(request, body_pk)
    key = _key(key)
    current = ClauseText.objects.filter(body=body, key=key).first()
    posted = request.method == "POST"
    form = ClauseTextForm(
        request.POST if posted else None,
        initial={"text": current.text if current else DEFAULT_TEXTS[key]},
        version=CLAUSE_TEXT_VERSION.version(current),
    )
    save = partial(clause_text_save, body=body, key=key, user=request.user)
    if _saved(request, form, save, _("The clause was saved as a new version.")):
        return redirect("reporting:clause_library", body_pk=body.pk)
    return _clause_form(
        request, form, key, current, {"body": body}, default_text=DEFAULT_TEXTS[key]
    )


@login_required
@require_GET
def partnership_clause_list(request, pk):
    partnership = _partnership(request, pk)
    _require(permissions.can_see_clauses(request.user, partnership))
    return render(
        request,
        "reporting/partnership_clauses.html",
        {
            "partnership": partnership,
            "clauses": partnership_clauses(partnership),
            "can_edit": permissions.can_edit_clauses(request.user, partnership),
        },
    )


@login_required
def partnership_clause_edit(request, pk, key):
    partnership = _partnership(request, pk)
    _require(permissions.can_edit_clauses(request.user, partnership))
    key = _key(key)
    current = PartnershipClause.objects.filter(partnership=partnership, key=key).first()
    posted = request.method == "POST"
    form = ClauseTextForm(
        request.POST if posted else None,
        initial={"text": current.text if current else ""},
        version=PARTNERSHIP_CLAUSE_VERSION.version(current),
    )
    form.fields["text"].help_text = _(
        "Empty: the body's text. Plain text: blank lines separate paragraphs. Only the "
        "placeholders listed below are filled in; anything else, HTML included, is printed "
        "exactly as written."
    )
    save = partial(partnership_clause_save, partnership=partnership, key=key, user=request.user)
    if _saved(request, form, save, _("The partnership's text of the clause was saved.")):
        return redirect("reporting:partnership_clauses", pk=partnership.pk)
    # What the body's library says, shown beside the partnership's own text.
    own = ClauseText.objects.filter(body_id=partnership.public_body_id, key=key).first()
    return _clause_form(
        request,
        form,
        key,
        current,
        {"partnership": partnership},
        default_text=own.text if own else DEFAULT_TEXTS[key],
    )

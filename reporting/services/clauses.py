"""The clause library: a body's own wording of the agreement's standard clauses, and a
partnership's own wording in place of its body's. Every save is a new version; the history
keeps the earlier texts. A version already prepared keeps the texts its snapshot froze."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bodies.permissions import can_manage_body
from common.versions import Versioned
from organisations.models import Organisation
from partnerships.guards import ensure_changes_allowed
from partnerships.models import Partnership
from partnerships.permissions import can_edit
from reporting.clauses import PLACEHOLDERS, ClauseKey, unknown_placeholders
from reporting.models import ClauseText, PartnershipClause

# What the clause forms cover (common.versions): the text and its version number.
CLAUSE_TEXT_VERSION = Versioned(ClauseText, ("text", "number"))
PARTNERSHIP_CLAUSE_VERSION = Versioned(PartnershipClause, ("text", "number"))

MAX_LENGTH = 5000


def _cleaned(text: str, *, required: bool) -> str:
    """The text as stored: plain text, line breaks normalised. It may hold anything (template
    syntax and HTML included, printed as written) except an unknown placeholder."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        raise ValidationError({"text": _("Write the clause's text.")})
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            {"text": _("The text is too long (at most %(n)s characters).") % {"n": MAX_LENGTH}}
        )
    unknown = unknown_placeholders(text)
    if unknown:
        raise ValidationError(
            {
                "text": _("Unknown placeholder %(names)s. A text may hold only these: %(allowed)s.")
                % {
                    "names": ", ".join(f"{{{name}}}" for name in unknown),
                    "allowed": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                }
            }
        )
    return text


def _check_key(key: str) -> None:
    if key not in ClauseKey.values:
        raise ValidationError(_("There is no such clause."))


@transaction.atomic
def clause_text_save(
    *, body: Organisation, key: str, text: str, user, version: str | None = None
) -> ClauseText:
    """The body's own text of a clause: a new version, unless the text is unchanged."""
    if not can_manage_body(user, body):
        raise ValidationError(_("Only an administrator of the body can change its clauses."))
    _check_key(key)
    # The body's row first, so two first saves of one clause queue up too.
    list(Organisation.objects.select_for_update().filter(pk=body.pk).values("pk"))
    current = ClauseText.objects.select_for_update().filter(body=body, key=key).first()
    CLAUSE_TEXT_VERSION.check(version, current)
    text = _cleaned(text, required=True)
    if current is not None and current.text == text:
        return current
    return _next_version(current or ClauseText(body=body, key=key, number=0), text, user)


@transaction.atomic
def partnership_clause_save(
    *, partnership: Partnership, key: str, text: str, user, version: str | None = None
) -> PartnershipClause | None:
    """The partnership's own text of a clause (empty: its body's text again). Refused while
    the agreement is signed and no amendment is open: the amendment lists the new text."""
    if not can_edit(user, partnership):
        raise ValidationError(_("Only an administrator of the body can change the agreement."))
    _check_key(key)
    list(Partnership.objects.select_for_update().filter(pk=partnership.pk).values("pk"))
    current = (
        PartnershipClause.objects.select_for_update()
        .filter(partnership=partnership, key=key)
        .first()
    )
    PARTNERSHIP_CLAUSE_VERSION.check(version, current)
    text = _cleaned(text, required=False)
    if (current.text if current is not None else "") == text:
        return current
    ensure_changes_allowed(partnership)
    return _next_version(
        current or PartnershipClause(partnership=partnership, key=key, number=0), text, user
    )


def _next_version(row, text: str, user):
    """`row` (a body's or a partnership's clause, locked or new) saved with `text` as its next
    version; the history keeps the one before."""
    row.text = text
    row.number += 1
    row.updated_by = user
    # The owner is set by the caller, not chosen in a form.
    row.full_clean(exclude=["body", "partnership"])
    row.save()
    return row

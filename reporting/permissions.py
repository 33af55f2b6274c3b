"""Who may do what with the documents. Every view first finds the partnership through
`Partnership.objects.visible_to(user)` (404 otherwise); these decide what a visible one allows."""

from bodies.permissions import can_manage_body
from organisations.roles import roles_for
from partnerships.models import Partnership
from partnerships.permissions import can_edit, works_on_partnership


def can_export(user, partnership: Partnership) -> bool:
    """Officials and administrators of the body; a representative invited by the body for a
    partnership their organisation is a current or former party to."""
    if works_on_partnership(user, partnership):
        return True
    represented = roles_for(user).represented_towards(partnership.public_body_id)
    return bool(represented) and (
        partnership.parties.filter(organisation_id__in=represented).exists()
    )


def can_write_memo(user, partnership: Partnership) -> bool:
    """The memo is the administration's document: staff of the body."""
    return works_on_partnership(user, partnership)


def can_export_memo(user, partnership: Partnership) -> bool:
    return works_on_partnership(user, partnership)


def can_manage_signing(user, partnership: Partnership) -> bool:
    """Preparing versions, recording signatures and uploading signed copies."""
    return works_on_partnership(user, partnership)


def can_build_archive(user, partnership: Partnership) -> bool:
    """The archive package is the body's record: its staff build it (anyone else: 404)."""
    return works_on_partnership(user, partnership)


def can_edit_clause_library(user, body) -> bool:
    """A body's standard texts are its settings: its own administrators (anyone else: 404)."""
    return can_manage_body(user, body)


def can_see_clauses(user, partnership: Partnership) -> bool:
    """The texts a partnership's agreement prints, and whose they are: the body's staff."""
    return works_on_partnership(user, partnership)


def can_edit_clauses(user, partnership: Partnership) -> bool:
    """A partnership's own text of a clause: whoever changes its records."""
    return can_edit(user, partnership)

"""Who may do what with the documents. Every view first finds the partnership through
`Partnership.objects.visible_to(user)` (404 otherwise); these decide what a visible one allows."""

from organisations.roles import roles_for
from partnerships.models import Partnership


def can_export(user, partnership: Partnership) -> bool:
    """Officials and administrators of the body; a representative for a partnership their
    organisation is a current or former party to."""
    roles = roles_for(user)
    if roles.is_superuser or partnership.public_body_id in roles.staff_of:
        return True
    return (
        bool(roles.representative_of)
        and partnership.parties.filter(organisation_id__in=roles.representative_of).exists()
    )


def can_write_memo(user, partnership: Partnership) -> bool:
    roles = roles_for(user)
    return roles.is_superuser or partnership.public_body_id in roles.staff_of


def can_export_memo(user, partnership: Partnership) -> bool:
    """The memo is the administration's document: staff of the body."""
    return can_write_memo(user, partnership)


def can_manage_signing(user, partnership: Partnership) -> bool:
    """Preparing versions, recording signatures and uploading signed copies."""
    roles = roles_for(user)
    return roles.is_superuser or partnership.public_body_id in roles.staff_of

"""Who may do what with a partnership. Views call these; hiding a link is never enough.

Objects outside what a user may see are answered with 404 by starting every lookup from
`Partnership.objects.visible_to(user)`; these functions decide what a visible one allows.
"""

from organisations.roles import roles_for

from .models import Partnership


def can_view(user, partnership: Partnership) -> bool:
    return Partnership.objects.visible_to(user).filter(pk=partnership.pk).exists()


def can_edit(user, partnership: Partnership) -> bool:
    """Administrators of the partnership's public body (and superusers) change its records."""
    roles = roles_for(user)
    return roles.is_superuser or partnership.public_body_id in roles.administrator_of


def can_create(user) -> bool:
    return roles_for(user).is_administrator


def can_export_documents(user, partnership: Partnership) -> bool:
    """Officials and administrators of the body; representatives for agreements they are
    party to (the view has already made sure the partnership is visible)."""
    roles = roles_for(user)
    return roles.is_superuser or bool(
        partnership.public_body_id in roles.staff_of or roles.representative_of
    )


def can_record_signatures(user, partnership: Partnership) -> bool:
    roles = roles_for(user)
    return roles.is_superuser or partnership.public_body_id in roles.staff_of

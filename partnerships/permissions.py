"""Who may do what with a partnership. Views call these; hiding a link is never enough.

Objects outside what a user may see are answered with 404 by starting every lookup from
`Partnership.objects.visible_to(user)`; these functions decide what a visible one allows.
The other apps' permissions build on `administers_partnership` and `works_on_partnership`,
so "administrator of the partnership's body" is written once, here.
"""

from organisations.permissions import administered_bodies
from organisations.roles import roles_for

from .models import Partnership


def administers_partnership(user, partnership: Partnership) -> bool:
    """An administrator of the partnership's public body (or the superuser)."""
    return roles_for(user).administers(partnership.public_body_id)


def works_on_partnership(user, partnership: Partnership) -> bool:
    """An administrator or official of the partnership's public body (or the superuser)."""
    return roles_for(user).works_for(partnership.public_body_id)


def can_edit(user, partnership: Partnership) -> bool:
    """Administrators of the partnership's public body change its records."""
    return administers_partnership(user, partnership)


def can_create(user) -> bool:
    """An administrator of at least one body registers partnerships (for the bodies they
    administer: `bodies_for_new_partnership`)."""
    return roles_for(user).is_administrator


def bodies_for_new_partnership(user):
    """The public bodies the user may register a partnership for."""
    return administered_bodies(user)


def can_see_history(user, partnership: Partnership) -> bool:
    """The body's staff read the full history of a partnership (every party's accounts and
    the administration's own changes); the organisations' representatives do not."""
    return works_on_partnership(user, partnership)

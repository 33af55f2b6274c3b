"""Who may do what with a public body's own pages. Built on `UserRoles` only."""

from organisations.models import Organisation
from organisations.roles import roles_for


def can_manage_body(user, body) -> bool:
    """The body's settings and its staff are for its own administrators."""
    return roles_for(user).administers(body)


def can_register_public_body(user) -> bool:
    return roles_for(user).is_national_administrator


def administered_bodies(user):
    """The public bodies whose pages the user manages (every body for the superuser)."""
    roles = roles_for(user)
    bodies = Organisation.objects.public_bodies()
    if roles.is_superuser:
        return bodies
    return bodies.filter(pk__in=roles.administrator_of)

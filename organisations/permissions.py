"""Who may do what with the organisation register.

The register is shared by every public body: an organisation's identity (name, number, legal
form, sector, registration) is one record, read by the staff of every body. Changing it is
for the administrators of the bodies that partner with the organisation, since they answer
for what their agreements say about it; a public body's own record is changed only by its
own administrators. Public bodies are registered by the national administrator.
"""

from organisations.roles import roles_for

from .models import Organisation


def administered_bodies(user):
    """The public bodies the user administers (every body for the superuser)."""
    roles = roles_for(user)
    bodies = Organisation.objects.public_bodies().order_by("name")
    if roles.is_superuser:
        return bodies
    return bodies.filter(pk__in=roles.administrator_of)


def can_register_organisation(user) -> bool:
    """Administrators of a body register idea-based organisations (to partner with)."""
    roles = roles_for(user)
    return roles.is_administrator or roles.is_national_administrator


def can_register_public_body(user) -> bool:
    return roles_for(user).is_national_administrator


def can_edit_organisation(user, organisation: Organisation) -> bool:
    roles = roles_for(user)
    if organisation.is_public_body:
        return roles.administers(organisation)
    if roles.is_superuser:
        return True
    return any(roles.partners_with(body, organisation) for body in roles.administrator_of)


def can_change_sector(user) -> bool:
    """Whether the form offers the public sector at all: only for the national
    administrator (a body's administrator registers idea-based organisations)."""
    return roles_for(user).is_national_administrator

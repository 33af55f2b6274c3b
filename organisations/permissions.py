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
    """The identity: administrators of a partnering body (of the body itself for a public
    body's own record)."""
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


# --- a body's relation with an organisation ---------------------------------------------


def can_read_relation(user, *, body, organisation) -> bool:
    """The body's staff, and the representatives of the organisation the body invited."""
    roles = roles_for(user)
    return roles.works_for(body) or roles.represents(organisation, body)


def can_edit_relation(user, *, body, organisation) -> bool:
    """Everything of the relation (giro, signatories, notes): the body's administrators."""
    return roles_for(user).administers(body)


def can_edit_relation_contact(user, *, body, organisation) -> bool:
    """The contact details: also the representatives the body invited."""
    roles = roles_for(user)
    return roles.administers(body) or roles.represents(organisation, body)


def relation_bodies(user, organisation: Organisation):
    """The bodies whose relation with `organisation` the organisation page shows this user:
    those the user works for and those that invited the user to speak for it."""
    roles = roles_for(user)
    ids = roles.staff_of | roles.bodies_represented_to(organisation)
    return Organisation.objects.public_bodies().filter(pk__in=ids).order_by("name", "pk")


def identity_editing_bodies(user, organisation: Organisation) -> list[Organisation]:
    """The bodies on whose behalf the user may change the organisation's identity: for a
    public body itself, only the body; otherwise the administered bodies that partner with
    the organisation."""
    roles = roles_for(user)
    if organisation.is_public_body:
        return [organisation] if roles.administers(organisation) else []
    bodies = administered_bodies(user).filter(
        owned_partnerships__parties__organisation=organisation
    )
    return list(bodies.distinct())


def can_import_register(user) -> bool:
    """The import changes identities every body reads: the national administrator's work."""
    return roles_for(user).is_national_administrator

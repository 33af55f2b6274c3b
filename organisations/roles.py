"""Who a user acts for, and the questions every app's `permissions.py` asks about it.

A user's memberships are read once per request and kept on the user object. The questions:

- `administers(body)`: an administrator of that public body (or the installation's
  superuser);
- `works_for(body)`: an administrator or official of that body (or the superuser);
- `represents(organisation, body)`: a representative of that organisation towards that body,
  i.e. one the body invited. A representative speaks for an organisation only towards the
  bodies that invited them, so every partnership question about a representative is asked
  with the partnership's body;
- `partners_with(body, organisation)`: the body has a partnership (a draft is enough, a former
  party counts) with the organisation as a party. It is a fact of the register, not of the
  user, but it is asked next to the others;
- `is_national_administrator`: registers public bodies and appoints their first
  administrator (the superuser, or a user given the permission
  `organisations.register_public_body`).

Querysets filter with `staff_q()` / `represented_q()`, so what a list shows and what a page
allows are answered from the same sets. Bodies and organisations are passed as objects or
primary keys.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from .constants import Role

NATIONAL_ADMINISTRATOR_PERMISSION = "organisations.register_public_body"


def _pk(value) -> int | None:
    if value is None or isinstance(value, int):
        return value
    return value.pk


@dataclass(frozen=True)
class UserRoles:
    is_superuser: bool = False
    administrator_of: frozenset[int] = field(default_factory=frozenset)
    official_of: frozenset[int] = field(default_factory=frozenset)
    # (organisation id, id of the body the representative speaks to).
    representations: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    # The user, for the rarely asked permission question (one query, on first use).
    user: object = field(default=None, compare=False, repr=False)

    # --- the questions -----------------------------------------------------------------

    def administers(self, body) -> bool:
        return self.is_superuser or _pk(body) in self.administrator_of

    def works_for(self, body) -> bool:
        """Administrator or official of the body: reads everything of the body."""
        return self.is_superuser or _pk(body) in self.staff_of

    def represents(self, organisation, body) -> bool:
        return (_pk(organisation), _pk(body)) in self.representations

    def partners_with(self, body, organisation) -> bool:
        return body_partners_with(body, organisation)

    @property
    def is_national_administrator(self) -> bool:
        if self.is_superuser:
            return True
        return self.user is not None and self.user.has_perm(NATIONAL_ADMINISTRATOR_PERMISSION)

    # --- what the user is, anywhere -----------------------------------------------------

    @property
    def staff_of(self) -> frozenset[int]:
        """Public bodies whose records this user may read."""
        return self.administrator_of | self.official_of

    @property
    def representative_of(self) -> frozenset[int]:
        """Organisations this user represents towards at least one body."""
        return frozenset(organisation for organisation, _body in self.representations)

    def represented_towards(self, body) -> frozenset[int]:
        """The organisations this user speaks for towards `body`."""
        pk = _pk(body)
        return frozenset(org for org, towards in self.representations if towards == pk)

    def bodies_represented_to(self, organisation) -> frozenset[int]:
        """The bodies towards which this user speaks for `organisation`."""
        pk = _pk(organisation)
        return frozenset(body for org, body in self.representations if org == pk)

    @property
    def is_staff_member(self) -> bool:
        return self.is_superuser or bool(self.staff_of)

    @property
    def is_administrator(self) -> bool:
        """Administrator of at least one body (or the superuser)."""
        return self.is_superuser or bool(self.administrator_of)

    @property
    def is_representative(self) -> bool:
        return bool(self.representations)

    @property
    def is_representative_only(self) -> bool:
        """Represents organisations and works for no body: starts in the portal."""
        return self.is_representative and not self.is_staff_member

    # --- the same sets as queryset conditions ------------------------------------------

    def staff_q(self, body_field: str) -> Q:
        """Rows whose `body_field` is a body this user works for (everything for the
        superuser)."""
        if self.is_superuser:
            return Q()
        return Q(**{f"{body_field}__in": self.staff_of})

    def represented_q(self, organisation_field: str, body_field: str) -> Q:
        """Rows whose organisation this user represents towards the row's body."""
        condition = Q(pk__in=[])
        for organisation, body in sorted(self.representations):
            condition |= Q(**{organisation_field: organisation, body_field: body})
        return condition

    def reach_q(self, *, body_field: str, organisation_field: str) -> Q:
        """Staff of the row's body, or representative of the row's organisation towards it."""
        if self.is_superuser:
            return Q()
        return self.staff_q(body_field) | self.represented_q(organisation_field, body_field)


def body_partners_with(body, organisation) -> bool:
    """Whether `body` has a partnership (any status, a draft included) with `organisation`
    as a party, current or former."""
    # Here, not at the top: the models import this module (roles_for on their querysets).
    from .models import Organisation

    return Organisation.objects.filter(
        pk=_pk(body), owned_partnerships__parties__organisation_id=_pk(organisation)
    ).exists()


ANONYMOUS = UserRoles()


def roles_for(user) -> UserRoles:
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_iop_roles", None)
    if cached is not None:
        return cached
    by_role: dict[str, set[int]] = {role: set() for role in Role.values}
    representations: set[tuple[int, int]] = set()
    rows = user.memberships.values_list("organisation_id", "role", "body_id")
    for organisation_id, role, body_id in rows:
        if role == Role.REPRESENTATIVE:
            representations.add((organisation_id, body_id))
        else:
            by_role[role].add(organisation_id)
    roles = UserRoles(
        is_superuser=user.is_superuser,
        user=user,
        administrator_of=frozenset(by_role[Role.ADMINISTRATOR]),
        official_of=frozenset(by_role[Role.OFFICIAL]),
        representations=frozenset(representations),
    )
    user._iop_roles = roles
    return roles


def forget_roles(user) -> None:
    """After a user's memberships changed within the same request."""
    if hasattr(user, "_iop_roles"):
        del user._iop_roles

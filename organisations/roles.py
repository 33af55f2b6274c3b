"""Who a user acts for. Computed once per request and kept on the user object."""

from dataclasses import dataclass, field

from .constants import Role


@dataclass(frozen=True)
class UserRoles:
    is_superuser: bool = False
    administrator_of: frozenset[int] = field(default_factory=frozenset)
    official_of: frozenset[int] = field(default_factory=frozenset)
    representative_of: frozenset[int] = field(default_factory=frozenset)

    @property
    def staff_of(self) -> frozenset[int]:
        """Public bodies whose partnerships this user may read."""
        return self.administrator_of | self.official_of

    @property
    def is_staff_member(self) -> bool:
        return self.is_superuser or bool(self.staff_of)

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or bool(self.administrator_of)


def roles_for(user) -> UserRoles:
    if not getattr(user, "is_authenticated", False):
        return UserRoles()
    cached = getattr(user, "_iop_roles", None)
    if cached is not None:
        return cached
    by_role: dict[str, set[int]] = {role: set() for role in Role.values}
    for organisation_id, role in user.memberships.values_list("organisation_id", "role"):
        by_role[role].add(organisation_id)
    roles = UserRoles(
        is_superuser=user.is_superuser,
        administrator_of=frozenset(by_role[Role.ADMINISTRATOR]),
        official_of=frozenset(by_role[Role.OFFICIAL]),
        representative_of=frozenset(by_role[Role.REPRESENTATIVE]),
    )
    user._iop_roles = roles
    return roles

"""Who may do what with a partnership's money. Lookups start from
`Partnership.objects.visible_to(user)` / `Payment.objects.visible_to(user)`, so what a user may
not see is a 404; these functions decide what a visible object allows."""

from organisations.roles import roles_for
from partnerships.models import Partnership


def can_manage_finance(user, partnership: Partnership) -> bool:
    """Administrators of the public body (and superusers) change budgets and payments."""
    roles = roles_for(user)
    return roles.is_superuser or partnership.public_body_id in roles.administrator_of


def can_read_all_finance(user, partnership: Partnership) -> bool:
    """Staff of the public body read every organisation's figures; representatives only
    their own organisation's."""
    roles = roles_for(user)
    return roles.is_superuser or partnership.public_body_id in roles.staff_of


def can_export_payments(user) -> bool:
    roles = roles_for(user)
    return roles.is_superuser or bool(roles.staff_of)


def organisation_filter(user, partnership: Partnership) -> frozenset[int] | None:
    """None when the user sees every organisation of the partnership, else the ids of the
    organisations whose figures they may see."""
    if can_read_all_finance(user, partnership):
        return None
    return roles_for(user).representative_of

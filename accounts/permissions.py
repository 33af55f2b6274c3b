"""Who may read whose sign-in log and manage whose sign-in (unlock, reset of the second
factor): a body's administrator, for the administrators and officials of that body."""

from django.contrib.auth import get_user_model

from organisations.models import Membership
from organisations.roles import roles_for


def can_manage_accounts(user) -> bool:
    return roles_for(user).is_administrator


def managed_staff(user):
    """The users whose sign-in this user manages: the staff of the bodies they administer
    (everyone's staff for the superuser). Another body's staff is not in it (a 404)."""
    roles = roles_for(user)
    staff = Membership.objects.staff()
    if not roles.is_superuser:
        staff = staff.filter(organisation_id__in=roles.administrator_of)
    return get_user_model().objects.filter(pk__in=staff.values("user_id"))

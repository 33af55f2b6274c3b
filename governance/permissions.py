"""Who may do what with a partnership's groups. Views call these; hiding a link is never enough.

Seeing: the public body's staff and the representatives of the partnership's parties, which
is what `Group.objects.visible_to(user)` gives (everyone else gets 404). Changing the groups
themselves (creating a group, its cadence, its members) is for administrators; officials
also draw chairs, record meetings, decisions and compilations (they run the groups day to
day). A representative whose organisation sits in the cooperation group submits its reports.
"""

from organisations.roles import roles_for
from partnerships.models import Partnership

from .constants import GroupKind
from .models import Group


def _is_staff_of(user, partnership: Partnership) -> bool:
    roles = roles_for(user)
    return roles.is_superuser or partnership.public_body_id in roles.staff_of


def can_view(user, partnership: Partnership) -> bool:
    return Partnership.objects.visible_to(user).filter(pk=partnership.pk).exists()


def can_manage_groups(user, partnership: Partnership) -> bool:
    roles = roles_for(user)
    return roles.is_superuser or partnership.public_body_id in roles.administrator_of


def can_draw_chair(user, group: Group) -> bool:
    return _is_staff_of(user, group.partnership)


def can_record_meeting(user, group: Group) -> bool:
    return _is_staff_of(user, group.partnership)


def can_submit_report(user, group: Group) -> bool:
    if group.kind != GroupKind.COOPERATION:
        return False
    if _is_staff_of(user, group.partnership):
        return True
    roles = roles_for(user)
    return group.members.current().filter(organisation_id__in=roles.representative_of).exists()


def can_record_compilation(user, partnership: Partnership) -> bool:
    return _is_staff_of(user, partnership)

"""Who may do what with a partnership's groups. Views call these; hiding a link is never enough.

Seeing: the public body's staff and the representatives of the partnership's parties, which
is what `Group.objects.visible_to(user)` gives (everyone else gets 404). Changing the groups
themselves (creating a group, its cadence, its members) is for administrators; officials
also draw chairs, record meetings, decisions and compilations (they run the groups day to
day). A representative whose organisation sits in the cooperation group submits its reports.
"""

from organisations.roles import roles_for
from partnerships.models import Partnership
from partnerships.permissions import administers_partnership, works_on_partnership

from .constants import GroupKind
from .models import Group


def can_manage_groups(user, partnership: Partnership) -> bool:
    return administers_partnership(user, partnership)


def can_draw_chair(user, group: Group) -> bool:
    return works_on_partnership(user, group.partnership)


def can_record_meeting(user, group: Group) -> bool:
    return works_on_partnership(user, group.partnership)


def can_submit_report(user, group: Group) -> bool:
    """The body's staff, or a representative (invited by the partnership's body) of an
    organisation that sits in the cooperation group."""
    if group.kind != GroupKind.COOPERATION:
        return False
    if works_on_partnership(user, group.partnership):
        return True
    represented = roles_for(user).represented_towards(group.partnership.public_body_id)
    return bool(represented) and (
        group.members.current().filter(organisation_id__in=represented).exists()
    )


def can_record_compilation(user, partnership: Partnership) -> bool:
    return works_on_partnership(user, partnership)


def sees_administration_deadlines(user, partnership: Partnership) -> bool:
    """The administration's own deadlines (compilations, extension decisions) are for the
    body's staff, not the organisations'."""
    return works_on_partnership(user, partnership)

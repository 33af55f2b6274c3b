import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from common.versions import Versioned
from governance.constants import DEFAULT_CHAIR_TERM_MONTHS, DEFAULT_MEETING_INTERVAL_DAYS, GroupKind
from governance.models import Group, GroupMember
from organisations.models import Organisation
from partnerships.models import Partnership

SETTINGS_FIELDS = ("meeting_interval_days", "chair_term_months", "chair_by_lot", "writes_reports")
# What the group's settings form covers (common.versions).
GROUP_SETTINGS_VERSION = Versioned(Group, SETTINGS_FIELDS)


@transaction.atomic
def group_create(
    *,
    partnership: Partnership,
    kind: str,
    meeting_interval_days: int | None = None,
    chair_term_months: int | None = None,
    chair_by_lot: bool = True,
    writes_reports: bool = True,
) -> Group:
    """A steering or cooperation group, with the seeds' cadence unless told otherwise."""
    if kind not in GroupKind.values:
        raise ValidationError({"kind": _("Choose a steering group or a cooperation group.")})
    if Group.objects.filter(partnership=partnership, kind=kind).exists():
        raise ValidationError(
            {
                "kind": _("The partnership already has a %(kind)s.")
                % {"kind": GroupKind(kind).label.lower()}
            }
        )
    group = Group(
        partnership=partnership,
        kind=kind,
        meeting_interval_days=meeting_interval_days or DEFAULT_MEETING_INTERVAL_DAYS[kind],
        chair_term_months=chair_term_months or DEFAULT_CHAIR_TERM_MONTHS,
        chair_by_lot=chair_by_lot,
        # Only the cooperation group reports to the steering group.
        writes_reports=writes_reports and kind == GroupKind.COOPERATION,
    )
    group.full_clean(validate_unique=False, validate_constraints=False)
    group.save()
    return group


@transaction.atomic
def group_update(
    *,
    group: Group,
    meeting_interval_days: int,
    chair_term_months: int,
    chair_by_lot: bool | None = None,
    writes_reports: bool | None = None,
    version: str | None = None,
) -> Group:
    """Change the group's cadence and options. `version` (GROUP_SETTINGS_VERSION), when
    given, is what the form showed: a save over a newer one is refused (common.versions)."""
    locked = Group.objects.select_for_update().get(pk=group.pk)
    GROUP_SETTINGS_VERSION.check(version, locked)
    locked.meeting_interval_days = meeting_interval_days
    locked.chair_term_months = chair_term_months
    if chair_by_lot is not None:
        locked.chair_by_lot = chair_by_lot
    if writes_reports is not None:
        locked.writes_reports = writes_reports and locked.kind == GroupKind.COOPERATION
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save(update_fields=list(SETTINGS_FIELDS))
    for name in SETTINGS_FIELDS:
        setattr(group, name, getattr(locked, name))
    return locked


def member_organisations(*, partnership: Partnership):
    """Who may sit in a partnership's groups: its current parties, the public body included."""
    return Organisation.objects.filter(
        parties__partnership=partnership, parties__left_on__isnull=True
    ).order_by("-sector", "name")


@transaction.atomic
def member_add(
    *,
    group: Group,
    organisation: Organisation,
    name: str,
    role: str,
    joined_on: datetime.date,
) -> GroupMember:
    Group.objects.select_for_update().get(pk=group.pk)
    name = " ".join((name or "").split())
    errors = {}
    if not member_organisations(partnership=group.partnership).filter(pk=organisation.pk).exists():
        errors["organisation"] = _(
            "Only the public body and organisations that are parties to the partnership "
            "can sit in its groups."
        )
    elif (
        name
        and group.members.current()
        .filter(organisation=organisation)
        .annotate(lower_name=Lower("name"))
        .filter(lower_name=name.lower())
        .exists()
    ):
        errors["name"] = _("%(name)s is already a member of the group for %(organisation)s.") % {
            "name": name,
            "organisation": organisation,
        }
    if errors:
        raise ValidationError(errors)
    member = GroupMember(
        group=group, organisation=organisation, name=name, role=role, joined_on=joined_on
    )
    member.full_clean(validate_unique=False, validate_constraints=False)
    member.save()
    return member


@transaction.atomic
def member_leave(*, member: GroupMember, left_on: datetime.date) -> GroupMember:
    locked = GroupMember.objects.select_for_update().get(pk=member.pk)
    if locked.left_on:
        raise ValidationError({"left_on": _("The member has already left the group.")})
    locked.left_on = left_on
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save(update_fields=["left_on"])
    member.left_on = locked.left_on
    return locked

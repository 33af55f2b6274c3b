"""The one place the documents read the governance app: the partnership's groups as the
agreement prints them (kind, cadence, chair, reports, the organisations of their members)."""

from django.db.models import Prefetch

from governance.constants import GroupKind
from governance.models import Group, GroupMember
from partnerships.models import Partnership

# Steering group first, as the seeds print them.
_ORDER = {GroupKind.STEERING: 0, GroupKind.COOPERATION: 1}


def groups_for(partnership: Partnership, *, party_order: list[int]) -> list[dict]:
    """[{"kind", "interval_days", "chair_by_lot", "chair_term_months", "writes_reports",
    "organisations": [name, …]}], the organisations in the agreement's order of parties
    (`party_order`: organisation ids) with the public party last, as the seeds list them."""
    groups = Group.objects.filter(partnership=partnership).prefetch_related(
        Prefetch(
            "members",
            queryset=GroupMember.objects.current().select_related("organisation"),
            to_attr="current_members",
        )
    )
    result = []
    for group in sorted(groups, key=lambda g: _ORDER.get(g.kind, 9)):
        organisations = {m.organisation_id: m.organisation.name for m in group.current_members}
        place = {org_id: index for index, org_id in enumerate(party_order)}
        ordered = sorted(organisations, key=lambda org_id: place.get(org_id, len(place)))
        result.append(
            {
                "kind": group.kind,
                "interval_days": group.meeting_interval_days,
                "chair_by_lot": group.chair_by_lot,
                "chair_term_months": group.chair_term_months,
                "writes_reports": group.kind == GroupKind.COOPERATION and group.writes_reports,
                "organisations": [organisations[org_id] for org_id in ordered],
            }
        )
    return result

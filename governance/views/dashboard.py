"""Everything due soon or overdue for the user's bodies, as a work queue: counts per kind and
per partnership, filters (kind, partnership, overdue or coming up, body) and pages."""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from common.pagination import paginate
from governance import selectors
from governance.constants import DeadlineKind
from organisations.history import record_changes
from organisations.models import Organisation
from organisations.roles import roles_for

WINDOWS = ("all", "overdue", "upcoming")
# "Mine": the partnerships the user is case officer of; "body": everything of the user's bodies.
SCOPES = ("body", "mine")


def _filters(request, items):
    """The filters the user chose, each checked against what exists (anything else: ignored)."""
    kinds = {item.kind for item in items}
    partnerships = {item.partnership.pk: item.partnership for item in items}
    body_ids = {item.partnership.public_body_id for item in items}
    kind = request.GET.get("kind", "")
    partnership = request.GET.get("partnership", "")
    body = request.GET.get("body", "")
    window = request.GET.get("window", "all")
    scope = request.GET.get("scope", "body")
    return {
        "scope": scope if scope in SCOPES else "body",
        "kind": kind if kind in kinds else "",
        "partnership": int(partnership)
        if partnership.isdigit() and int(partnership) in partnerships
        else None,
        "body": int(body) if body.isdigit() and int(body) in body_ids else None,
        "window": window if window in WINDOWS else "all",
        "body_ids": body_ids,
    }


# The partnerships with the most deadlines: the list is a way in, not the register.
TOP_PARTNERSHIPS = 10


def _partnership_counts(by_partnership: Counter, chosen_pk: int | None) -> dict:
    ranked = sorted(by_partnership.items(), key=lambda kv: (-kv[1], kv[0].title))
    shown = ranked[:TOP_PARTNERSHIPS]
    shown += [kv for kv in ranked[TOP_PARTNERSHIPS:] if kv[0].pk == chosen_pk]
    return {"partnership_counts": shown, "partnerships_not_shown": len(ranked) - len(shown)}


@login_required
def dashboard(request):
    items = selectors.dashboard_deadlines(user=request.user)
    chosen = _filters(request, items)
    if chosen["body"]:
        items = [i for i in items if i.partnership.public_body_id == chosen["body"]]
    if chosen["scope"] == "mine":
        items = [i for i in items if i.partnership.case_officer_id == request.user.pk]
    # Counts for the grouping links are taken before the kind and partnership filters.
    by_kind = Counter(item.kind for item in items)
    by_partnership = Counter(item.partnership for item in items)
    overdue_by_kind = Counter(item.kind for item in items if item.overdue)
    if chosen["kind"]:
        items = [i for i in items if i.kind == chosen["kind"]]
    if chosen["partnership"]:
        items = [i for i in items if i.partnership.pk == chosen["partnership"]]
    overdue = [item for item in items if item.overdue]
    upcoming = [item for item in items if not item.overdue]
    changes = paginate(
        request,
        selectors.register_changes(user=request.user),
        page_param="changes_page",
        per_page=10,
    )
    giro_changes = paginate(
        request,
        selectors.pending_giro_changes(user=request.user),
        page_param="giro_page",
        per_page=10,
    )
    for record in changes:
        # One query per row shown (at most ten): the version before it.
        record.changes = record_changes(record, record.prev_record)
    return render(
        request,
        "governance/dashboard.html",
        {
            # Overdue: the longest overdue first; coming up: the nearest first.
            "overdue": paginate(request, overdue, page_param="overdue_page"),
            "upcoming": paginate(request, upcoming),
            "show_overdue": chosen["window"] in ("all", "overdue"),
            "show_upcoming": chosen["window"] in ("all", "upcoming"),
            "horizon_days": selectors.DASHBOARD_HORIZON_DAYS,
            "register_changes": changes,
            "giro_changes": giro_changes,
            "register_change_days": selectors.REGISTER_CHANGE_DAYS,
            "chosen": chosen,
            # Only the body's staff answer for partnerships.
            "offers_mine": roles_for(request.user).is_staff_member,
            "kinds": [
                (kind, DeadlineKind(kind).label, count, overdue_by_kind.get(kind, 0))
                for kind, count in sorted(by_kind.items(), key=lambda kv: -kv[1])
            ],
            **_partnership_counts(by_partnership, chosen["partnership"]),
            # One query for the body filter, and only for users who have more than one body.
            "bodies": Organisation.objects.filter(pk__in=chosen["body_ids"]).order_by("name")
            if len(chosen["body_ids"]) > 1
            else [],
        },
    )

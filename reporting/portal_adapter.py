"""The one place the documents read the portal app: the organisations' annual accounts and the
aggregated figures of the activity reports, for the board's yearly summary.

The summary goes to the board, outside the organisations: every figure passes through portal's
`mask_small(..., viewer_is_owner=False)`, so anything below 5 prints as "<5".
"""

import datetime

from django.db.models import Prefetch, Sum
from django.utils import timezone, translation

from partnerships.models import Partnership
from portal.constants import AccountStatus, Dimension, ReportKind, ReportStatus, ReviewDecision
from portal.models import AccountReview, ActivityReport, AnnualAccount, ReachFigure
from portal.selectors import CATEGORY_LABELS, category_label, mask_small

# What the summary prints for an account's state; "missing" also covers a draft nobody handed in.
ACCOUNT_STATE_LABELS = {
    "submitted": "Inlämnad",
    "returned": "Återsänd för komplettering",
    "approved": "Godkänd",
    "missing": "Saknas",
}


def _local_date(moment) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _account_state(account) -> tuple[str, datetime.date | None]:
    """(state, date): submitted on, returned on or approved on; a missing account has no date."""
    if account is None or account.status == AccountStatus.DRAFT:
        return "missing", None
    if account.status == AccountStatus.SUBMITTED:
        return "submitted", _local_date(account.submitted_at)
    decision = (
        ReviewDecision.APPROVED
        if account.status == AccountStatus.APPROVED
        else ReviewDecision.RETURNED
    )
    reviews = [r for r in account.reviews.all() if r.decision == decision]
    return str(account.status), _local_date(reviews[-1].reviewed_at) if reviews else None


def accounts_for(
    partnership: Partnership, *, period_start: datetime.date | None, organisations: dict[int, str]
) -> list[dict]:
    """One row per organisation (`organisations` maps id → name, in the summary's order): the
    state of its annual account for the contract year beginning `period_start`, and its date.
    Two queries."""
    by_organisation = {}
    if period_start is not None:
        accounts = (
            AnnualAccount.objects.filter(party__partnership=partnership, period__start=period_start)
            .select_related("party")
            .prefetch_related(
                Prefetch("reviews", queryset=AccountReview.objects.order_by("reviewed_at", "pk"))
            )
        )
        by_organisation = {account.party.organisation_id: account for account in accounts}
    rows = []
    for organisation_id, name in organisations.items():
        account = by_organisation.get(organisation_id)
        state, date = _account_state(account)
        rows.append(
            {
                "name": name,
                "state": state,
                "label": ACCOUNT_STATE_LABELS[state],
                "date": date,
                # What the account says was not used (budget minus actual, or the recorded
                # override): the figure its settlement proposes.
                "unspent": None if state == "missing" else account.unspent,
            }
        )
    return rows


def _reports_of_year(partnership: Partnership, period_start: datetime.date) -> list:
    """The submitted reports the year's figures come from: per organisation its yearly report,
    or its half-year report while the yearly one is not in (never both: that would count the
    same people twice)."""
    chosen = {}
    for report in ActivityReport.objects.filter(
        partnership=partnership, period__start=period_start, status=ReportStatus.SUBMITTED
    ).only("pk", "organisation_id", "kind", "feedback_count", "complaints_count"):
        current = chosen.get(report.organisation_id)
        if current is None or report.kind == ReportKind.YEAR:
            chosen[report.organisation_id] = report
    return list(chosen.values())


def activity_for(partnership: Partnership, *, period_start: datetime.date | None) -> dict:
    """The year's aggregated figures, summed over the organisations' reports and masked:
    {"reports": n, "rows": [{"dimension", "category", "value"}]}. Three queries."""
    if period_start is None:
        return {"reports": 0, "rows": []}
    reports = _reports_of_year(partnership, period_start)
    if not reports:
        return {"reports": 0, "rows": []}
    sums = (
        ReachFigure.objects.filter(report__in=[r.pk for r in reports])
        .values("dimension", "category")
        .annotate(total=Sum("count"))
        .order_by()
    )
    # Country names are free text: "sverige" and "Sverige" are one country.
    merged: dict[tuple[str, str], list] = {}
    for row in sums:
        key = (row["dimension"], row["category"].strip().casefold())
        merged.setdefault(key, [row["category"].strip(), 0])[1] += row["total"]
    dimension_order = {value: index for index, value in enumerate(Dimension.values)}
    category_order = {
        dimension: {value.casefold(): index for index, value in enumerate(labels)}
        for dimension, labels in CATEGORY_LABELS.items()
    }

    def sort_key(item):
        dimension, key = item[0]
        known = category_order.get(dimension, {})
        position = dimension_order.get(dimension, len(dimension_order))
        return (position, known.get(key, len(known)), key)

    with translation.override("sv"):
        dimension_labels = {value: str(label) for value, label in Dimension.choices}
        rows = [
            {
                "dimension": dimension_labels[dimension],
                "category": category_label(dimension, category),
                "value": mask_small(total, False),
            }
            for (dimension, _key), (category, total) in sorted(merged.items(), key=sort_key)
        ]
    rows += [
        {
            "dimension": "Återkoppling",
            "category": "Synpunkter från deltagare",
            "value": mask_small(sum(r.feedback_count for r in reports), False),
        },
        {
            "dimension": "Återkoppling",
            "category": "Klagomål",
            "value": mask_small(sum(r.complaints_count for r in reports), False),
        },
    ]
    return {"reports": len(reports), "rows": rows}


def accounts_for_archive(partnership: Partnership) -> list[dict]:
    """Every annual account of the partnership that was handed in (submitted, returned or
    approved), with its lines, as the archive package prints them; oldest year first."""
    accounts = (
        AnnualAccount.objects.filter(party__partnership=partnership)
        .exclude(status=AccountStatus.DRAFT)
        .select_related("party__organisation", "period", "submitted_by")
        .prefetch_related("lines")
        .order_by("period__start", "party__organisation__name", "pk")
    )
    rows = []
    with translation.override("sv"):
        for account in accounts:
            organisation = account.party.organisation
            submitted_by = account.submitted_by
            rows.append(
                {
                    "id": account.pk,
                    "organisation": organisation.name,
                    "org_number": organisation.org_number,
                    "period": account.period.label,
                    "start": account.period.start.isoformat(),
                    "end": account.period.end.isoformat(),
                    "status": str(account.get_status_display()),
                    "submitted_on": _local_date(account.submitted_at),
                    "submitted_by": (
                        submitted_by.get_full_name() or submitted_by.get_username()
                        if submitted_by
                        else ""
                    ),
                    "lines": [
                        {
                            "category": line.category,
                            "budget": line.budget_amount,
                            "actual": line.actual,
                            "explanation": line.explanation,
                        }
                        for line in account.lines.all()
                    ],
                    "other_income": account.other_income,
                    "other_income_note": account.other_income_note,
                    "own_money": account.own_money,
                    "own_in_kind": account.own_in_kind,
                    "own_in_kind_value": account.own_in_kind_value,
                    "unspent": account.unspent,
                    "narrative": account.narrative,
                    "updated_at": account.updated_at,
                }
            )
    return rows

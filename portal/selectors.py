"""Reads for the portal pages, the administrators' dashboard and the reminder command."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bodies.selectors import body_settings, body_settings_scope
from finance.models import Budget, BudgetPeriod, Payment
from organisations.roles import roles_for
from partnerships.constants import AppendixStatus, Status
from partnerships.models import Appendix, Partnership, Party
from partnerships.selectors import partnerships_by_id

from .constants import (
    HANDED_IN_ACCOUNT_STATUSES,
    SMALL_COUNT_LABEL,
    SMALL_COUNT_LIMIT,
    AccountStatus,
    AgeBand,
    DeadlineKind,
    Dimension,
    Gender,
    ReportStatus,
)
from .models import ActivityReport, AnnualAccount

ONE_DAY = datetime.timedelta(days=1)
# Partnerships in these statuses have accounts and reports to hand in.
REPORTING_STATUSES = (Status.SIGNED, Status.ACTIVE, Status.ENDED, Status.TERMINATED)


# Small figures -----------------------------------------------------------------------------


def mask_small(count: int, viewer_is_owner: bool) -> int | str:
    """The one rule for showing and exporting a figure: below 5 it is "<5" to everyone
    outside the organisation that entered it, so no one can be singled out."""
    if not viewer_is_owner and count < SMALL_COUNT_LIMIT:
        return SMALL_COUNT_LABEL
    return count


CATEGORY_LABELS = {
    Dimension.AGE_BAND: dict(AgeBand.choices),
    Dimension.GENDER: dict(Gender.choices),
}


def category_label(dimension: str, category: str) -> str:
    return str(CATEGORY_LABELS.get(dimension, {}).get(category, category))


@dataclass(frozen=True)
class FigureRow:
    dimension: str
    dimension_label: str
    category: str
    category_label: str
    shown: int | str


def report_figures(report: ActivityReport, *, viewer_is_owner: bool) -> list[FigureRow]:
    """The report's counts as they may be shown to this viewer (uses prefetched figures)."""
    labels = dict(Dimension.choices)
    return [
        FigureRow(
            dimension=figure.dimension,
            dimension_label=str(labels[figure.dimension]),
            category=figure.category,
            category_label=category_label(figure.dimension, figure.category),
            shown=mask_small(figure.count, viewer_is_owner),
        )
        for figure in report.figures.all()
    ]


def masked_count(report: ActivityReport, name: str, *, viewer_is_owner: bool) -> int | str:
    return mask_small(getattr(report, name), viewer_is_owner)


# Due dates ---------------------------------------------------------------------------------


def account_due_days(body) -> int:
    """The body's setting, by default the installation's."""
    return body_settings(body).account_due_days


def account_due(period: BudgetPeriod, *, body=None) -> datetime.date:
    """The annual account, and the yearly report, are due a number of days (the partnership's
    body's setting) before the next contract year begins, the day after this one ends. Loops
    pass the `body` they already have."""
    body = body if body is not None else period.partnership.public_body_id
    return period.end + ONE_DAY - datetime.timedelta(days=account_due_days(body))


def half_year_due(period: BudgetPeriod) -> datetime.date:
    """The half-year report is due half-way through the contract year."""
    return period.start + datetime.timedelta(days=(period.end - period.start).days // 2)


def due_for(kind: str, period: BudgetPeriod, *, body=None) -> datetime.date:
    if kind == DeadlineKind.HALF_YEAR_REPORT:
        return half_year_due(period)
    return account_due(period, body=body)


# Deadlines ---------------------------------------------------------------------------------


class AccountRef(NamedTuple):
    pk: int
    status: str


class PeriodRef(NamedTuple):
    """A contract year as a deadline needs it (read as values: a body has thousands)."""

    pk: int
    partnership_id: int
    start: datetime.date
    end: datetime.date
    label: str


@dataclass
class Deadline:
    kind: str
    key: str
    due: datetime.date
    partnership: Partnership
    period: BudgetPeriod | PeriodRef
    party: Party | None = None
    account: AccountRef | None = None

    @property
    def title(self) -> str:
        values = {
            "period": self.period.label,
            "partnership": self.partnership.title,
            "organisation": self.party.organisation.name if self.party else "",
        }
        if self.kind == DeadlineKind.ACCOUNT:
            return _("Annual account %(period)s, %(organisation)s (%(partnership)s)") % values
        if self.kind == DeadlineKind.HALF_YEAR_REPORT:
            return _("Half-year activity report %(period)s (%(partnership)s)") % values
        return _("Yearly activity report %(period)s (%(partnership)s)") % values


def _parties_condition(user) -> Q | None:
    """The parties the user may see: every party of their bodies' partnerships, and the
    organisations they represent towards the bodies that invited them."""
    return roles_for(user).reach_q(
        body_field="partnership__public_body_id", organisation_field="organisation_id"
    )


# Each body's due days asked once, not once per deadline (the reminder job runs outside a
# request).
@body_settings_scope()
def open_deadlines(
    *,
    parties_condition: Q | None = None,
    due_by: datetime.date | None = None,
    known: dict[int, Partnership] | None = None,
) -> list[Deadline]:
    """Every account and activity report not yet handed in, for the parties matching the
    condition, with its due date (only those due by `due_by`, when given). Four queries
    whatever the number of partnerships (and one for partnerships not in `known`, the
    ones the caller has read)."""
    parties = Party.objects.filter(
        parties_condition or Q(),
        is_public=False,
        partnership__status__in=REPORTING_STATUSES,
    ).select_related("organisation")
    if known is None:
        parties = list(parties.select_related("partnership"))
    else:
        # One object per partnership, shared by its parties and the caller's other rows.
        parties = list(parties)
        partnerships = partnerships_by_id({party.partnership_id for party in parties}, known)
        for party in parties:
            party.partnership = partnerships[party.partnership_id]
    partnership_ids = {party.partnership_id for party in parties}
    periods = defaultdict(list)
    period_rows = BudgetPeriod.objects.filter(partnership_id__in=partnership_ids)
    accounts_of_parties = AnnualAccount.objects.filter(party__in=[p.pk for p in parties])
    if due_by is not None:
        # Nothing of a contract year is due before it starts (the half-year report comes
        # first): the years ahead are not read at all.
        period_rows = period_rows.filter(start__lte=due_by)
        accounts_of_parties = accounts_of_parties.filter(period__start__lte=due_by)
    for row in period_rows.values_list("pk", "partnership_id", "start", "end", "label"):
        period = PeriodRef(*row)
        periods[period.partnership_id].append(period)
    # Only what a deadline needs of an account: whether it is handed in, and its link.
    accounts = {
        (party_id, period_id): AccountRef(pk, status)
        for pk, party_id, period_id, status in accounts_of_parties.values_list(
            "pk", "party_id", "period_id", "status"
        )
    }
    submitted = ActivityReport.objects.filter(
        partnership_id__in=partnership_ids, status=ReportStatus.SUBMITTED
    )
    if due_by is not None:
        submitted = submitted.filter(period__start__lte=due_by)
    reported = set(submitted.values_list("partnership_id", "period_id", "kind"))
    items: list[Deadline] = []
    seen_reports: set[tuple[int, int, str]] = set()
    # Each period's due dates once, however many parties hand in for it.
    dues: dict[int, tuple[datetime.date, datetime.date]] = {}
    for party in parties:
        party_id, partnership_id = party.id, party.partnership_id
        for period in periods[partnership_id]:
            if party.joined_on > period.end or (party.left_on and party.left_on < period.start):
                continue
            if period.pk not in dues:
                body = party.partnership.public_body_id
                dues[period.pk] = (account_due(period, body=body), half_year_due(period))
            year_due, half_due = dues[period.pk]
            account = accounts.get((party_id, period.pk))
            if (due_by is None or year_due <= due_by) and not (
                account and account.status in HANDED_IN_ACCOUNT_STATUSES
            ):
                items.append(
                    Deadline(
                        kind=DeadlineKind.ACCOUNT,
                        key=f"account:{party_id}:{period.pk}",
                        due=year_due,
                        partnership=party.partnership,
                        period=period,
                        party=party,
                        account=account,
                    )
                )
            for kind, due in (
                (DeadlineKind.HALF_YEAR_REPORT, half_due),
                (DeadlineKind.YEAR_REPORT, year_due),
            ):
                report_key = (partnership_id, period.pk, kind)
                if due_by is not None and due > due_by:
                    continue
                if report_key in reported or report_key in seen_reports:
                    continue
                seen_reports.add(report_key)
                items.append(
                    Deadline(
                        kind=kind,
                        key=f"report:{partnership_id}:{period.pk}:{kind}",
                        due=due,
                        partnership=party.partnership,
                        period=period,
                    )
                )
    items.sort(key=lambda item: (item.due, item.partnership.title, item.key))
    return items


def _url_for(item: Deadline, user) -> str:
    roles = roles_for(user)
    if item.kind == DeadlineKind.ACCOUNT:
        if item.account:
            return reverse("portal:account", args=[item.account.pk])
        if roles.represents(item.party.organisation_id, item.partnership.public_body_id):
            return reverse("portal:account_new", args=[item.party.pk, item.period.pk])
        return reverse("portal:overview") + f"?year={item.period.start.year}"
    return reverse("portal:reports") + f"?partnership={item.partnership.pk}"


class DueItem:
    """A deadline as the portal's lists show it. The title and the link are worked out when
    a page shows the row, not for each of the thousands a list counts."""

    def __init__(self, deadline: Deadline, *, user, today: datetime.date):
        self.deadline = deadline
        self.user = user
        self.due = deadline.due
        self.overdue = deadline.due < today
        self.kind = deadline.kind
        self.key = deadline.key

    @cached_property
    def title(self) -> str:
        return self.deadline.title

    @cached_property
    def url(self) -> str:
        return _url_for(self.deadline, self.user)


def deadlines_for(
    user, horizon_days: int = 60, *, today: datetime.date | None = None
) -> list[DueItem]:
    """What the user's organisations (or body) still have to hand in, due within
    `horizon_days` or already overdue (items with title, due, overdue, url, kind and key).
    Ready for the administrators' review page and the representative's start page."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=horizon_days)
    condition = _parties_condition(user)
    return [
        DueItem(item, user=user, today=today)
        for item in open_deadlines(parties_condition=condition, due_by=limit)
    ]


# Pages -------------------------------------------------------------------------------------


def representative_home(user) -> dict:
    """Everything on a representative's start page: only their organisations' records."""
    roles = roles_for(user)
    own = roles.represented_q("organisation_id", "partnership__public_body_id")
    parties = (
        Party.objects.filter(own, is_public=False)
        .select_related("organisation", "partnership")
        .prefetch_related(
            Prefetch("appendices", queryset=Appendix.objects.filter(status=AppendixStatus.CURRENT))
        )
        .order_by("partnership__title", "organisation__name")
    )
    budgets = (
        Budget.objects.filter(
            roles.represented_q(
                "appendix__party__organisation_id", "period__partnership__public_body_id"
            )
        )
        .select_related("appendix__party__organisation", "appendix__party__partnership", "period")
        .prefetch_related("lines")
        .order_by("period__start", "appendix__party__organisation__name")
    )
    payments = Payment.objects.filter(
        roles.represented_q("party__organisation_id", "partnership__public_body_id")
    ).select_related("partnership", "party__organisation", "period")
    accounts = (
        AnnualAccount.objects.filter(
            roles.represented_q("party__organisation_id", "party__partnership__public_body_id")
        )
        .for_list()
        .order_by("-period__start", "party__organisation__name")
    )
    return {
        "parties": parties,
        "budgets": budgets,
        "payments": payments,
        "accounts": accounts,
        "deadlines": deadlines_for(user),
    }


@dataclass
class OverviewRow:
    party: Party
    period: BudgetPeriod
    due: datetime.date
    account: AnnualAccount | None
    late: bool

    @property
    def status_code(self) -> str:
        return self.account.status if self.account else "missing"

    @property
    def status_label(self) -> str:
        if self.account is None:
            return _("Not started")
        return self.account.get_status_display()


def review_years(user) -> list[int]:
    partnerships = Partnership.objects.visible_to(user).values("pk")
    years = BudgetPeriod.objects.filter(partnership__in=partnerships).dates("start", "year")
    return [day.year for day in years]


@body_settings_scope()
def review_overview(user, *, year: int, today: datetime.date | None = None) -> list[OverviewRow]:
    """Per contract year (the year it begins): every organisation's account, who has
    submitted, who is late and who was approved. Three queries."""
    today = today or timezone.localdate()
    condition = _parties_condition(user)
    periods = list(
        BudgetPeriod.objects.filter(
            start__year=year,
            partnership__in=Partnership.objects.visible_to(user).values("pk"),
        ).order_by("start")
    )
    parties = Party.objects.filter(
        condition, is_public=False, partnership_id__in={p.partnership_id for p in periods}
    ).select_related("organisation", "partnership")
    accounts = {
        (account.party_id, account.period_id): account
        for account in AnnualAccount.objects.filter(period__in=periods)
    }
    by_partnership = defaultdict(list)
    for period in periods:
        by_partnership[period.partnership_id].append(period)
    rows = []
    for party in parties:
        for period in by_partnership[party.partnership_id]:
            if party.joined_on > period.end or (party.left_on and party.left_on < period.start):
                continue
            account = accounts.get((party.pk, period.pk))
            due = account_due(period, body=party.partnership.public_body_id)
            handed_in = account is not None and account.status in HANDED_IN_ACCOUNT_STATUSES
            rows.append(
                OverviewRow(
                    party=party,
                    period=period,
                    due=due,
                    account=account,
                    late=not handed_in and due < today,
                )
            )
    rows.sort(key=lambda row: (row.party.partnership.title, row.party.organisation.name))
    return rows


def overview_counts(rows: list[OverviewRow]) -> dict[str, int]:
    statuses = [row.account.status for row in rows if row.account]
    return {
        "total": len(rows),
        "submitted": statuses.count(AccountStatus.SUBMITTED),
        "approved": statuses.count(AccountStatus.APPROVED),
        "late": sum(1 for row in rows if row.late),
    }

"""Reads for pages and the dashboard: cadence, deadlines and what is overdue.

Everything is computed from a handful of queries, whatever the number of partnerships:
the partnerships, their groups (with the last meeting and the last term drawn annotated),
the reports submitted and the compilations made.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bodies.selectors import remember_body_settings
from organisations.models import GiroChange, Organisation
from organisations.roles import roles_for
from partnerships.constants import Status
from partnerships.models import Partnership, Party

from .constants import (
    ADMINISTRATION_DEADLINES,
    DASHBOARD_HORIZON_DAYS,
    DeadlineKind,
    GroupKind,
    ReportKind,
)
from .dates import contract_years
from .models import ChairDraw, Compilation, Group, GroupMember, GroupReport, Meeting
from .permissions import sees_administration_deadlines
from .services.reports import report_period

# Partnerships whose governance runs: decided by the board, signed or active.
GOVERNED_STATUSES = (Status.DECIDED, Status.SIGNED, Status.ACTIVE)


def extension_decision_days() -> int:
    return getattr(settings, "IOP_EXTENSION_DECISION_DAYS", 90)


# --- cadence, one group or partnership at a time (pure functions) ------------------------


def next_meeting_due(*, group: Group, last_meeting: datetime.date | None) -> datetime.date | None:
    """The last meeting plus the group's interval, or the partnership's start when the group
    has not met; None when that falls after the partnership's period."""
    partnership = group.partnership
    if last_meeting is None:
        due = partnership.start_date
    else:
        due = last_meeting + datetime.timedelta(days=group.meeting_interval_days)
    return due if due <= partnership.end_date else None


def chair_draw_due(*, group: Group, last_term_end: datetime.date | None) -> datetime.date | None:
    """A chair is drawn at the first meeting and again when the term runs out (none is due
    for a group whose chair is not drawn by lot)."""
    if not group.chair_by_lot:
        return None
    partnership = group.partnership
    if last_term_end is None:
        return partnership.start_date
    due = last_term_end + datetime.timedelta(days=1)
    return due if due <= partnership.end_date else None


def report_deadlines(*, group: Group) -> list[tuple[str, datetime.date, datetime.date, int]]:
    """(kind, period from, due, contract year number) for every report the cooperation group
    owes: half-way through each contract year and before the next begins."""
    if group.kind != GroupKind.COOPERATION or not group.writes_reports:
        return []
    partnership = group.partnership
    deadlines = []
    for year in contract_years(partnership.start_date, partnership.end_date):
        if year.half_way < year.end:
            start, _end, due = report_period(year=year, kind=ReportKind.HALF_YEAR)
            deadlines.append((ReportKind.HALF_YEAR, start, due, year.number))
        start, _end, due = report_period(year=year, kind=ReportKind.YEAR_END)
        deadlines.append((ReportKind.YEAR_END, start, due, year.number))
    return deadlines


def compilation_deadlines(
    *, partnership: Partnership
) -> list[tuple[datetime.date, datetime.date, int]]:
    """(contract year from, due, number): compiled before each new contract year begins."""
    return [
        (year.start, year.end, year.number)
        for year in contract_years(partnership.start_date, partnership.end_date)
    ]


def extension_decision_due(*, partnership: Partnership) -> datetime.date | None:
    if not partnership.is_extendable:
        return None
    return partnership.end_date - datetime.timedelta(days=extension_decision_days())


# --- pages -------------------------------------------------------------------------------


def _groups_queryset():
    return Group.objects.select_related("partnership").annotate(
        last_meeting=Max("meetings__date"),
        last_term_end=Max("draws__term_end", filter=Q(draws__superseded_by__isnull=True)),
    )


def _decorate(group: Group, today: datetime.date) -> Group:
    group.next_meeting_due = next_meeting_due(group=group, last_meeting=group.last_meeting)
    group.meeting_overdue = bool(group.next_meeting_due and group.next_meeting_due < today)
    group.draw_due = chair_draw_due(group=group, last_term_end=group.last_term_end)
    group.draw_overdue = bool(group.draw_due and group.draw_due < today)
    return group


def groups_for_partnership(*, partnership: Partnership, today: datetime.date | None = None):
    """The partnership's groups for its page: cadence, the chair in force, member count."""
    today = today or timezone.localdate()
    groups = (
        _groups_queryset()
        .filter(partnership=partnership)
        .annotate(
            member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True)
        )
        .prefetch_related(
            Prefetch(
                "draws",
                queryset=ChairDraw.objects.in_force()
                .select_related("result")
                .order_by("-term_start", "-pk"),
                to_attr="draws_in_force",
            )
        )
        .order_by("kind")
    )
    result = []
    for group in groups:
        _decorate(group, today)
        group.chair = chair_for(group.draws_in_force, today)
        result.append(group)
    return result


def chair_for(draws_newest_first, day: datetime.date) -> ChairDraw | None:
    """The draw whose term covers the day; else the latest term that has started."""
    started = [draw for draw in draws_newest_first if draw.term_start <= day]
    for draw in started:
        if draw.term_end >= day:
            return draw
    return started[0] if started else None


def draws_with_chair(
    *, group: Group, day: datetime.date
) -> tuple[list[ChairDraw], ChairDraw | None]:
    """The group's prefetched draws (newest first), each with `replaced_by` (the redraw that
    replaced it, or None), and the chair in force on `day` among the draws not replaced."""
    draws = list(group.draws.all())
    replaced_by = {draw.supersedes_id: draw for draw in draws if draw.supersedes_id}
    for draw in draws:
        draw.replaced_by = replaced_by.get(draw.pk)
    in_force = [draw for draw in draws if draw.replaced_by is None]
    return draws, chair_for(in_force, day)


def group_meetings(*, group: Group):
    """The group's meetings for its page, newest first (paginated by the view)."""
    return (
        Meeting.objects.filter(group=group)
        .select_related("chair__result")
        .annotate(
            attendee_count=Count("attendees", distinct=True),
            decision_count=Count("decisions", distinct=True),
        )
        .order_by("-date", "-pk")
    )


def group_page(*, group_id: int, user):
    """One group with its members, draws and reports, for its page (meetings are paginated:
    `group_meetings`)."""
    return (
        Group.objects.visible_to(user)
        .select_related("partnership", "partnership__public_body")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=GroupMember.objects.select_related("organisation").order_by(
                    "left_on", "organisation__name", "name"
                ),
            ),
            Prefetch(
                "draws",
                queryset=ChairDraw.objects.select_related("result", "drawn_by").order_by(
                    "-term_start", "-drawn_at", "-pk"
                ),
            ),
            Prefetch("reports", queryset=GroupReport.objects.order_by("-period_start", "kind")),
        )
        .get(pk=group_id)
    )


# --- the dashboard -----------------------------------------------------------------------


@dataclass(eq=False)
class Deadline:
    """One thing due. Its title and link may be given as callables: the dashboard counts
    thousands of deadlines but shows a page of them, so only the rows shown say theirs."""

    kind: str
    due_on: datetime.date
    partnership: Partnership
    title_of: str | Callable[[], str]
    url_of: str | Callable[[], str]
    overdue: bool = False
    group: Group | None = field(default=None)
    # What the deadline is, stable while it stays the same deadline ("payment-12",
    # "meeting-due-3"): the calendar feeds' UID.
    key: str = ""

    @cached_property
    def title(self) -> str:
        return self.title_of() if callable(self.title_of) else self.title_of

    @cached_property
    def url(self) -> str:
        return self.url_of() if callable(self.url_of) else self.url_of

    @property
    def kind_label(self) -> str:
        return DeadlineKind(self.kind).label


def _url(name: str, *args, query: str = "") -> Callable[[], str]:
    return lambda: reverse(name, args=args) + query


def _group_title(message: str, group: Group) -> Callable[[], str]:
    return lambda: _(message) % {"group": group.get_kind_display()}


def _partnership_deadlines(partnership, groups, submitted, compiled, today):
    detail = _url("partnerships:detail", partnership.pk)
    items = []
    for group in groups:
        _decorate(group, today)
        if group.next_meeting_due:
            items.append(
                Deadline(
                    DeadlineKind.MEETING,
                    group.next_meeting_due,
                    partnership,
                    _group_title(gettext_noop("%(group)s: next meeting"), group),
                    _url("governance:meeting_create", group.pk),
                    group=group,
                    key=f"meeting-due-{group.pk}",
                )
            )
        if group.draw_due:
            items.append(
                Deadline(
                    DeadlineKind.CHAIR_DRAW,
                    group.draw_due,
                    partnership,
                    _group_title(gettext_noop("%(group)s: draw the chair"), group),
                    _url("governance:group", group.pk, query="#draws"),
                    group=group,
                    key=f"chair-draw-{group.pk}",
                )
            )
        for kind, start, due, number in report_deadlines(group=group):
            if (group.pk, kind, start) in submitted:
                continue
            items.append(
                Deadline(
                    DeadlineKind.REPORT,
                    due,
                    partnership,
                    partial(_report_title, kind, number),
                    _url("governance:report_create", group.pk, query=f"?kind={kind}&year={number}"),
                    group=group,
                    key=f"group-report-{group.pk}-{kind}-{number}",
                )
            )
    if any(group.kind == GroupKind.COOPERATION for group in groups):
        for start, due, number in compilation_deadlines(partnership=partnership):
            if (partnership.pk, start) in compiled:
                continue
            items.append(
                Deadline(
                    DeadlineKind.COMPILATION,
                    due,
                    partnership,
                    partial(_compilation_title, number),
                    _url("governance:compilation_create", partnership.pk, query=f"?year={number}"),
                    key=f"compilation-{partnership.pk}-{number}",
                )
            )
    items.append(
        Deadline(
            DeadlineKind.PERIOD_END,
            partnership.end_date,
            partnership,
            _period_end_title,
            detail,
            key=f"period-end-{partnership.pk}",
        )
    )
    decide_by = extension_decision_due(partnership=partnership)
    if decide_by and today <= partnership.end_date:
        items.append(
            Deadline(
                DeadlineKind.EXTENSION_DECISION,
                decide_by,
                partnership,
                partial(_extension_title, decide_by),
                detail,
                key=f"extension-decision-{partnership.pk}",
            )
        )
    return items


def _report_title(kind: str, number: int) -> str:
    return _("%(report)s, contract year %(number)s") % {
        "report": ReportKind(kind).label,
        "number": number,
    }


def _period_end_title() -> str:
    return _("The partnership's period ends")


def _compilation_title(number: int) -> str:
    return _("Compile the reports of contract year %(number)s") % {"number": number}


def _extension_title(decide_by: datetime.date) -> str:
    return _("Decide whether to extend (latest %(date)s)") % {"date": decide_by}


DeadlineProvider = Callable[..., Iterable[Deadline]]
_deadline_providers: list[DeadlineProvider] = []


def register_deadline_provider(provider: DeadlineProvider) -> DeadlineProvider:
    """Apps that build on governance (finance's payments, the portal's accounts and
    reports) add their deadlines to the dashboard through a provider called as
    `provider(user=..., today=..., horizon=..., partnership=..., known=...)`, returning
    Deadline items visible to the user (only the partnership's when `partnership` is not
    None), each with a stable `key`. `known` maps ids to the partnerships already read, to
    share through `partnerships.selectors.partnerships_by_id`."""
    if provider not in _deadline_providers:
        _deadline_providers.append(provider)
    return provider


def dashboard_deadlines(
    *,
    user,
    today: datetime.date | None = None,
    horizon_days: int = DASHBOARD_HORIZON_DAYS,
    partnership: Partnership | None = None,
) -> list[Deadline]:
    """Everything due in the next `horizon_days` days and everything overdue, across the
    partnerships the user may see (or only `partnership`'s). Representatives see their
    partnerships' part: not the administration's own compilations and extension decisions."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=horizon_days)
    only = partnership  # the name is reused by the loops below
    visible = Partnership.objects.visible_to(user)
    if only is not None:
        visible = visible.filter(pk=only.pk)
    # Every visible partnership read once: the governed ones have groups, and the providers'
    # payments, accounts and reports share these objects (ended partnerships owe accounts).
    known = {
        partnership.pk: partnership
        for partnership in visible.select_related("public_body__body_settings").order_by()
    }
    # The bodies' settings (the days before a due date) came with them: not asked again.
    for body in {p.public_body_id: p.public_body for p in known.values()}.values():
        remember_body_settings(body)
    partnerships = {
        pk: partnership
        for pk, partnership in known.items()
        if partnership.status in GOVERNED_STATUSES
    }
    groups_by_partnership: dict[int, list[Group]] = {pk: [] for pk in partnerships}
    groups = list(_groups_queryset().filter(partnership_id__in=partnerships.keys()))
    for group in groups:
        group.partnership = partnerships[group.partnership_id]
        groups_by_partnership[group.partnership_id].append(group)
    submitted = set(
        GroupReport.objects.filter(group__in=[group.pk for group in groups]).values_list(
            "group_id", "kind", "period_start"
        )
    )
    compiled = set(
        Compilation.objects.filter(partnership_id__in=partnerships.keys()).values_list(
            "partnership_id", "year_start"
        )
    )
    items = []
    for pk, partnership in partnerships.items():
        is_staff = sees_administration_deadlines(user, partnership)
        for item in _partnership_deadlines(
            partnership, groups_by_partnership[pk], submitted, compiled, today
        ):
            if item.due_on > horizon:
                continue
            if not is_staff and item.kind in ADMINISTRATION_DEADLINES:
                continue
            item.overdue = item.due_on < today
            items.append(item)
    for provider in _deadline_providers:
        for item in provider(
            user=user, today=today, horizon=horizon, partnership=only, known=known
        ):
            item.overdue = item.due_on < today
            items.append(item)
    items.sort(key=lambda item: (item.due_on, item.partnership.title, item.kind))
    return items


# --- changes in the shared register ----------------------------------------------------------

REGISTER_CHANGE_DAYS = 30


def register_changes(*, user):
    """Changes of the last 30 days to the identity (name, number, form, registration) of the
    organisations the user's bodies partner with, newest first. The identity is shared, so
    every partnering body sees what another body's administrator changed."""
    roles = roles_for(user)
    partners = Party.objects.filter(partnership__public_body_id__in=roles.staff_of).values(
        "organisation_id"
    )
    since = timezone.now() - datetime.timedelta(days=REGISTER_CHANGE_DAYS)
    return Organisation.history.filter(
        history_type="~", history_date__gte=since, id__in=partners
    ).order_by("-history_date", "-history_id")


def pending_giro_changes(*, user):
    """Giro changes awaiting a second administrator, of the bodies the user works for."""
    roles = roles_for(user)
    return (
        GiroChange.objects.pending()
        .filter(relation__body_id__in=roles.staff_of)
        .select_related("relation__organisation", "relation__body", "proposed_by")
        .order_by("proposed_at", "pk")
    )

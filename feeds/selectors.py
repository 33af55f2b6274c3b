"""What a calendar feed holds: the deadlines of the dashboard and the groups' meetings, for
exactly what the feed's viewer may see, within a window around today. A constant number of
queries, whatever the number of partnerships."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Meeting
from governance.selectors import dashboard_deadlines
from organisations.roles import UserRoles

from .addresses import nonce_of
from .constants import WINDOW_FUTURE_DAYS, WINDOW_PAST_DAYS
from .models import CalendarFeed


@dataclass(frozen=True)
class FeedEvent:
    key: str  # stable: the event's UID before "@host"
    date: datetime.date
    summary: str
    description: str
    path: str  # the page it links back to
    category: str


class BodyStaffViewer:
    """Whom a partnership's feed is read as: an official of the partnership's body, and no
    one in particular (the address is shared by the body's staff)."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    pk = None

    def __init__(self, body_id: int):
        self._iop_roles = UserRoles(official_of=frozenset({body_id}))


def feed_for_secret(secret: str) -> CalendarFeed | None:
    """The feed whose current secret this is, with what it belongs to; None for an unknown or
    renewed secret, and for a user who can no longer sign in."""
    nonce = nonce_of(secret or "")
    if nonce is None:
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "partnership__public_body")
        .filter(nonce=nonce)
        .first()
    )
    if feed is None or (feed.user is not None and not feed.user.is_active):
        return None
    return feed


def viewer_of(feed: CalendarFeed):
    if feed.user is not None:
        return feed.user
    return BodyStaffViewer(feed.partnership.public_body_id)


def window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return (
        today - datetime.timedelta(days=WINDOW_PAST_DAYS),
        today + datetime.timedelta(days=WINDOW_FUTURE_DAYS),
    )


def feed_events(*, viewer, partnership=None, today: datetime.date | None = None):
    """The viewer's deadlines (as the dashboard has them) and meetings within the window,
    sorted by date; only `partnership`'s when given."""
    today = today or timezone.localdate()
    first, last = window(today)
    events = []
    for item in dashboard_deadlines(
        user=viewer, today=today, horizon_days=WINDOW_FUTURE_DAYS, partnership=partnership
    ):
        if item.due_on < first:
            continue
        events.append(
            FeedEvent(
                key=item.key,
                date=item.due_on,
                summary=_("%(kind)s: %(title)s") % {"kind": item.kind_label, "title": item.title},
                description=_("Partnership: %(partnership)s")
                % {"partnership": item.partnership.title},
                path=item.url,
                category=str(item.kind_label),
            )
        )
    meetings = (
        Meeting.objects.visible_to(viewer)
        .filter(date__range=(first, last))
        .select_related("group__partnership")
        .order_by("date", "pk")
    )
    if partnership is not None:
        meetings = meetings.filter(group__partnership=partnership)
    for meeting in meetings:
        events.append(
            FeedEvent(
                key=f"meeting-{meeting.pk}",
                date=meeting.date,
                summary=_("%(group)s meets: %(partnership)s")
                % {
                    "group": meeting.group.get_kind_display(),
                    "partnership": meeting.group.partnership.title,
                },
                description=meeting.agenda,
                path=meeting.get_absolute_url(),
                category=str(_("Meeting")),
            )
        )
    events.sort(key=lambda event: (event.date, event.key))
    return events

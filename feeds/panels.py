"""The calendar address's sections: on the user's own page and on the partnership page (the
body's staff only)."""

from accounts.panels import Panel

from .models import CalendarFeed
from .permissions import can_renew_partnership_feed, can_see_partnership_feed


def my_feed_panel(*, user) -> Panel:
    return Panel(
        "feeds/includes/my_feed.html",
        {"calendar_feed": CalendarFeed.objects.filter(user=user).first()},
    )


def partnership_feed_panel(*, user, partnership) -> Panel | None:
    if not can_see_partnership_feed(user, partnership):
        return None
    return Panel(
        "feeds/includes/partnership_feed.html",
        {
            "calendar_feed": CalendarFeed.objects.filter(partnership=partnership).first(),
            "can_renew_feed": can_renew_partnership_feed(user, partnership),
        },
    )

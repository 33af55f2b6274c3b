"""The calendar address's sections: on the user's own page and on the partnership page (the
body's staff only)."""

from django.urls import reverse

from accounts.panels import Panel

from .addresses import feed_secret
from .models import CalendarFeed
from .permissions import can_renew_partnership_feed, can_see_partnership_feed


def _path(feed) -> str:
    return reverse("feeds:feed", args=[feed_secret(feed)]) if feed else ""


def my_feed_panel(*, user) -> Panel:
    feed = CalendarFeed.objects.filter(user=user).first()
    return Panel("feeds/includes/my_feed.html", {"calendar_feed": feed, "feed_path": _path(feed)})


def partnership_feed_panel(*, user, partnership) -> Panel | None:
    if not can_see_partnership_feed(user, partnership):
        return None
    feed = CalendarFeed.objects.filter(partnership=partnership).first()
    return Panel(
        "feeds/includes/partnership_feed.html",
        {
            "calendar_feed": feed,
            "feed_path": _path(feed),
            "can_renew_feed": can_renew_partnership_feed(user, partnership),
        },
    )

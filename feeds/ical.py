"""Events as an iCalendar document (RFC 5545, with the icalendar package): all-day events,
a UID that stays while the event is the same, a link back to the page."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT_ID = "-//IOP-registret//Kalender//SV"


def calendar_bytes(*, name: str, events, host: str, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for item in events:
        event = Event()
        event.add("uid", f"{item.key}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + datetime.timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        event.add("url", base_url + item.path)
        event.add("categories", [item.category])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()

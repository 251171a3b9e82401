"""iCalendar (RFC 5545) exports, built with the icalendar library."""

import icalendar
from django.utils import timezone

PRODID = "-//Université d'été de l'innovation publique territoriale//programme//FR"


def location(item):
    return ", ".join(part for part in (item.venue_name, item.venue_address) if part)


def event(item, *, base_url, stamp):
    vevent = icalendar.Event()
    vevent.add("uid", f"{item.guid}@clunyevent")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", item.start)
    vevent.add("dtend", item.end)
    vevent.add("summary", item.title)
    vevent.add("location", location(item))
    vevent.add("categories", [item.kind_label])
    vevent.add("url", base_url + item.path)
    if item.full_description:
        vevent.add("description", item.full_description)
    return vevent


def calendar(items, *, name, base_url, stamp=None):
    """A VCALENDAR with a Europe/Paris VTIMEZONE; `stamp` is when the data last changed."""
    stamp = stamp or timezone.now()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    for item in items:
        cal.add_component(event(item, base_url=base_url, stamp=stamp))
    cal.add_missing_timezones()
    return cal.to_ical()

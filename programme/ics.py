"""iCalendar (RFC 5545) exports, built with the icalendar library."""

import datetime
import functools
import zoneinfo

import icalendar
from django.utils import timezone

from . import clock

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
    # SEQUENCE and LAST-MODIFIED let a subscribed calendar see a change as an update of the
    # same event (same UID); a cancelled one stays, marked CANCELLED, instead of vanishing.
    vevent.add("sequence", item.sequence)
    vevent.add("last-modified", item.last_modified or stamp)
    vevent.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.full_description:
        vevent.add("description", item.full_description)
    return vevent


@functools.lru_cache(maxsize=16)
def vtimezone(name, first_year, last_year):
    """The VTIMEZONE of a zone for the years the calendar covers: deriving it from the zone's
    rules is costly and the result never changes, so each process builds it once."""
    return icalendar.Timezone.from_tzinfo(
        zoneinfo.ZoneInfo(name),
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year, 12, 31),
    )


def years(items):
    starts = [item.start.year for item in items] or [clock.today().year]
    return min(starts), max(starts)


def calendar(items, *, name, base_url, stamp=None):
    """A VCALENDAR with a Europe/Paris VTIMEZONE; `stamp` is when the data last changed."""
    stamp = stamp or clock.now()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    cal.add_component(vtimezone(timezone.get_current_timezone_name(), *years(items)))
    for item in items:
        cal.add_component(event(item, base_url=base_url, stamp=stamp))
    return cal.to_ical()

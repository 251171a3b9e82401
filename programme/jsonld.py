"""schema.org JSON-LD for search engines: the edition as an Event, each session a subEvent."""

import json

from django.utils.html import mark_safe

from .schedule import schedule_items

# Characters that could close the <script> element or start HTML inside it.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def place(name, address, town):
    return {
        "@type": "Place",
        "name": name,
        "address": {"@type": "PostalAddress", "streetAddress": address, "addressLocality": town},
    }


def edition_event(edition, sessions, base_url):
    organisers = edition.partners_by_role("organiser")
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": edition.title,
        "description": edition.theme,
        "startDate": edition.start_date.isoformat(),
        "endDate": edition.end_date.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": "fr",
        "url": base_url + "/",
        "location": place(edition.entrance or edition.town, edition.entrance_address, edition.town),
        "organizer": [
            {"@type": "Organization", "name": o.name, "url": o.website or None} for o in organisers
        ],
        "subEvent": [sub_event(item, edition, base_url) for item in schedule_items(sessions)],
    }


def sub_event(item, edition, base_url):
    return {
        "@type": "Event",
        "name": item.title,
        "startDate": item.start.isoformat(),
        "endDate": item.end.isoformat(),
        "url": base_url + item.path,
        "description": item.full_description or item.kind_label,
        "location": place(item.venue_name, item.venue_address, edition.town),
    }


def as_script(data):
    """The JSON, safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308

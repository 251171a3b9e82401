"""The frab schedule formats that conference apps read: XML (validated against the shipped XSD)
and JSON, both built from the same description of the programme."""

import xml.etree.ElementTree as ET
from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext as _

from clunyevent.text import without_control_characters

from . import clock

GENERATOR = "clunyevent"
VERSION = "1.0"


def hhmm(delta):
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def event_dict(item, base_url):
    return {
        "guid": item.guid,
        "id": item.number,
        "date": item.start.isoformat(),
        "start": item.start.strftime("%H:%M"),
        "duration": hhmm(item.duration),
        "room": item.venue_name,
        "title": item.title,
        # frab has no status: a cancelled item says so where apps show a second line.
        "subtitle": str(_("Annulée")) if item.cancelled else "",
        "track": item.kind_label,
        "type": item.kind,
        "language": "fr",
        "abstract": item.full_description,
        "description": item.full_description,
        "url": base_url + item.path,
        "persons": [{"public_name": name} for name in item.persons],
        "links": [],
    }


def day_dicts(days_with_items, base_url):
    result = []
    for index, (day, items) in enumerate(days_with_items, start=1):
        starts = [i.start for i in items] or [timezone.localtime(clock.now())]
        ends = [i.end for i in items] or starts
        rooms = {}
        for name, room_items in groupby(
            sorted(items, key=lambda i: i.venue_name), key=lambda i: i.venue_name
        ):
            rooms[name] = [
                event_dict(i, base_url) for i in sorted(room_items, key=lambda i: i.start)
            ]
        result.append(
            {
                "index": index,
                "date": day.date.isoformat(),
                "day_start": min(starts).isoformat(),
                "day_end": max(ends).isoformat(),
                "rooms": rooms,
            }
        )
    return result


def schedule_dict(edition, days_with_items, base_url):
    days = day_dicts(days_with_items, base_url)
    rooms = sorted({name for day in days for name in day["rooms"]})
    return {
        "schedule": {
            "version": VERSION,
            "base_url": base_url + "/",
            "conference": {
                "acronym": f"universite-{edition.slug}",
                "title": edition.title,
                "start": edition.start_date.isoformat(),
                "end": edition.end_date.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": "00:15",
                "time_zone_name": timezone.get_current_timezone_name(),
                "url": base_url + "/",
                "rooms": [{"name": name} for name in rooms],
                "days": days,
            },
        }
    }


def _text(parent, tag, value):
    element = ET.SubElement(parent, tag)
    # A control character stored before the forms stripped them cannot be written in XML:
    # left out, so that one title never makes the whole schedule unreadable.
    element.text = without_control_characters(str(value))
    return element


def _event_element(room, event):
    element = ET.SubElement(room, "event", id=str(event["id"]), guid=event["guid"])
    for tag in (
        "room",
        "title",
        "subtitle",
        "type",
        "date",
        "start",
        "duration",
        "abstract",
        "track",
        "language",
        "description",
        "url",
    ):
        _text(element, tag, event[tag])
    persons = ET.SubElement(element, "persons")
    for person in event["persons"]:
        _text(persons, "person", person["public_name"])


def schedule_xml(data):
    schedule, conference = data["schedule"], data["schedule"]["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR, version=VERSION)
    _text(root, "url", conference["url"] + "schedule.xml")
    _text(root, "version", schedule["version"])
    conf = ET.SubElement(root, "conference")
    for tag in ("title", "acronym", "start", "end"):
        _text(conf, tag, conference[tag])
    _text(conf, "days", conference["daysCount"])
    for tag in ("timeslot_duration", "base_url", "url", "time_zone_name"):
        _text(conf, tag, conference.get(tag, schedule.get(tag)))
    for day in conference["days"]:
        day_element = ET.SubElement(
            root,
            "day",
            index=str(day["index"]),
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for name, events in day["rooms"].items():
            room = ET.SubElement(day_element, "room", name=without_control_characters(name))
            for event in events:
                _event_element(room, event)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)

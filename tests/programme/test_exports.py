import datetime
import json
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from unittest import mock

import icalendar
import pytest
import xmlschema
from django.urls import reverse

from programme.models import MiniConference, Session
from tests import factories

XSD = Path(__file__).resolve().parent / "schemas" / "schedule.xml.xsd"
TRICKY = 'Quotes "dites" & l\'<esperluette>, virgule; point-virgule\nÀ la ligne — été'


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}, calendar


def expected_titles(edition):
    titles = set()
    for session in Session.objects.of_edition(edition):
        mcs = list(session.mini_conferences.all())
        titles |= {str(mc) for mc in mcs} if mcs else {session.title}
    return titles


def test_programme_ics_matches_the_database(client, programme):
    response = client.get("/programme.ics")
    assert response["Content-Type"].startswith("text/calendar")
    by_uid, calendar = events(response)

    assert {str(e["SUMMARY"]) for e in by_uid.values()} == expected_titles(programme)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    session = Session.objects.of_edition(programme).exclude(kind="mini_conferences")[0]
    event = next(e for e in by_uid.values() if str(e["SUMMARY"]) == session.title)
    assert event.decoded("DTSTART") == session.start
    assert str(event["URL"]) == f"http://testserver{session.get_absolute_url()}"
    assert "DTSTAMP" in event


def test_ics_uids_are_stable_across_requests_and_edits(client, small_programme):
    session = Session.objects.of_edition(small_programme).first()
    before = set(events(client.get("/programme.ics"))[0])
    session.title = "Nouveau titre"
    session.save()
    assert set(events(client.get("/programme.ics"))[0]) == before


def test_open_end_gets_a_sensible_end_and_says_so(client, small_programme):
    session = Session.objects.of_edition(small_programme).filter(end=None).first()
    by_uid, _ = events(client.get(reverse("programme:session-ics", args=[session.pk])))
    (event,) = by_uid.values()
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=1)
    assert "Heure de fin non précisée" in str(event["DESCRIPTION"])


def test_location_is_the_venue_and_its_address(client, small_programme):
    session = Session.objects.of_edition(small_programme).first()
    by_uid, _ = events(client.get(reverse("programme:session-ics", args=[session.pk])))
    (event,) = by_uid.values()
    assert str(event["LOCATION"]) == f"{session.venue.name}, {session.venue.address}"


def test_day_ics_has_only_that_day(client, small_programme):
    day = small_programme.days.first()
    by_uid, _ = events(client.get(reverse("programme:day-ics", args=[day.date.isoformat()])))
    assert {str(e["SUMMARY"]) for e in by_uid.values()} == {s.title for s in day.sessions.all()}


@pytest.mark.parametrize(
    "url",
    [
        "/programme/2001-01-01.ics",
        "/programme/seances/999999.ics",
        "/mini-conferences/999999.ics",
    ],
    ids=["day", "session", "mini-conference"],
)
def test_unknown_export_gives_404(client, small_programme, url):
    assert client.get(url).status_code == 404


def test_schedule_xml_is_valid_against_the_frab_xsd(client, programme):
    response = client.get("/schedule.xml")
    assert response.status_code == 200
    xmlschema.XMLSchema(XSD).validate(response.content.decode())


def test_schedule_xml_and_json_say_the_same_as_the_database(client, programme):
    root = ET.fromstring(client.get("/schedule.xml").content)
    data = json.loads(client.get("/schedule.json").content)["schedule"]["conference"]

    xml_titles = [e.findtext("title") for e in root.iter("event")]
    json_events = [e for d in data["days"] for room in d["rooms"].values() for e in room]
    assert sorted(xml_titles) == sorted(e["title"] for e in json_events)
    assert set(xml_titles) == expected_titles(programme)
    assert data["title"] == programme.title
    assert [d["date"] for d in data["days"]] == [str(d.date) for d in programme.days.all()]
    assert {e["guid"] for e in json_events} == {e.get("guid") for e in root.iter("event")}


def test_mini_conferences_are_parallel_events_of_their_slot(client, small_programme):
    data = json.loads(client.get("/schedule.json").content)["schedule"]["conference"]
    json_events = [e for d in data["days"] for room in d["rooms"].values() for e in room]
    mini = [e for e in json_events if e["type"] == "mini_conferences"]
    assert sorted(e["title"] for e in mini) == sorted(str(m) for m in MiniConference.objects.all())
    assert len({e["date"] for e in mini}) == 1


def test_tricky_text_survives_every_format(client, small_programme):
    session = Session.objects.of_edition(small_programme).first()
    session.title = TRICKY
    session.description = TRICKY
    session.save()

    by_uid, _ = events(client.get("/programme.ics"))
    assert TRICKY in {str(e["SUMMARY"]) for e in by_uid.values()}
    xml_titles = [
        e.findtext("title")
        for e in ET.fromstring(client.get("/schedule.xml").content).iter("event")
    ]
    assert TRICKY in xml_titles
    xmlschema.XMLSchema(XSD).validate(client.get("/schedule.xml").content.decode())
    data = json.loads(client.get("/schedule.json").content)["schedule"]["conference"]
    json_events = [e for d in data["days"] for room in d["rooms"].values() for e in room]
    assert TRICKY in [e["title"] for e in json_events]
    assert any(e["abstract"].startswith(TRICKY) for e in json_events)


@pytest.mark.parametrize("url", ["/programme.ics", "/schedule.xml", "/schedule.json"])
def test_exports_answer_conditional_get_with_304(client, small_programme, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first.has_header("ETag") and first.has_header("Last-Modified")

    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


@pytest.mark.parametrize("url", ["/programme.ics", "/schedule.xml", "/schedule.json"])
def test_an_edit_changes_the_etag(client, small_programme, url):
    etag = client.get(url)["ETag"]
    session = Session.objects.of_edition(small_programme).first()
    session.title = "Modifié"
    session.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_session_page_links_to_its_calendar(client, small_programme):
    session = Session.objects.of_edition(small_programme).first()
    html = client.get(session.get_absolute_url()).content.decode()
    assert reverse("programme:session-ics", args=[session.pk]) in html


def test_agenda_announces_the_calendar_feed(client, small_programme):
    html = client.get(reverse("programme:agenda")).content.decode()
    assert '<link rel="alternate" type="text/calendar"' in html
    assert "webcal://testserver/programme.ics" in html


@pytest.mark.parametrize("url", ["/programme.ics", "/schedule.xml", "/schedule.json"])
def test_an_edit_dates_last_modified_of_every_export(client, small_programme, committed, url):
    edited = datetime.datetime(2030, 6, 1, 9, 30, 15, tzinfo=datetime.UTC)
    with mock.patch("programme.clock.now", return_value=edited), committed():
        factories.VenueFactory()
    assert parsedate_to_datetime(client.get(url)["Last-Modified"]) == edited


def test_calendar_events_are_stamped_with_the_last_edit(client, small_programme, committed):
    edited = datetime.datetime(2030, 6, 1, 9, 30, 15, tzinfo=datetime.UTC)
    with mock.patch("programme.clock.now", return_value=edited), committed():
        factories.VenueFactory()
    stamps = {event["DTSTAMP"].dt for event in events(client.get("/programme.ics"))[0].values()}
    assert stamps == {edited}


def test_exports_keep_a_description_as_plain_text(client, programme):
    session = Session.objects.get(description__contains="\n- Des défis locaux")
    by_uid, _ = events(client.get(reverse("programme:session-ics", args=[session.pk])))
    frab = client.get("/schedule.json").content.decode()

    (event,) = by_uid.values()
    assert "proposés :\n- Des défis locaux" in str(event["DESCRIPTION"])
    assert "proposés :\\n- Des défis locaux" in frab
    assert "<li>" not in frab


def test_a_control_character_stored_in_a_title_leaves_the_schedule_readable(
    client, small_programme
):
    session = Session.objects.of_edition(small_programme).first()
    venue = session.venue
    session.title = "Plénière\x0c d’ouverture"
    session.save()
    if venue is not None:
        venue.name = "Hall\x0b d’honneur"
        venue.save()

    xml = client.get("/schedule.xml").content.decode()

    xmlschema.XMLSchema(XSD).validate(xml)  # would not even parse with the form feed in it
    assert "Plénière d’ouverture" in [e.findtext("title") for e in ET.fromstring(xml).iter("event")]

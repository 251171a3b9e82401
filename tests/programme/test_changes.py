"""Changes to a published programme: one log entry per edit with every field it changed, the
item's SEQUENCE raised for calendars, « modifié le … » on the pages for a few days, the log
and its feed in the reader's language."""

import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.urls import reverse

from programme.models import MiniConference, ProgrammeChange, Session
from tests import factories
from tests.programme.admin_forms import submit

ATOM = "{http://www.w3.org/2005/Atom}"
EDITED = datetime.datetime(2030, 7, 1, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def session(small_programme):
    return Session.objects.of_edition(small_programme).filter(kind="plenary").first()


@pytest.fixture
def slot(small_programme):
    return Session.objects.of_edition(small_programme).get(kind="mini_conferences")


def events(client, url):
    calendar = icalendar.Calendar.from_ical(client.get(url).content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_one_edit_is_one_entry_with_every_field_it_changed(admin_client, session):
    venue = factories.VenueFactory(name="Grange")
    start = session.start + datetime.timedelta(hours=1)
    url = reverse("admin:programme_session_change", args=[session.pk])
    response = submit(
        admin_client,
        url,
        {
            "title": "Plénière déplacée",
            "venue": str(venue.pk),
            "start_0": start.astimezone(factories.PARIS).strftime("%Y-%m-%d"),
            "start_1": start.astimezone(factories.PARIS).strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302
    change = ProgrammeChange.objects.get()
    assert (change.kind, change.title, change.session) == ("changed", "Plénière déplacée", session)
    assert [f["field"] for f in change.fields] == ["start", "venue", "title"]
    assert [str(group) for group in change.groups] == ["horaire", "lieu", "titre"]


def test_mini_conferences_are_logged_too_and_their_slot_moves_them(slot):
    mini_conference = slot.mini_conferences.first()
    mini_conference.title, mini_conference.is_cancelled = "Nouveau sujet", True
    mini_conference.save()
    change = ProgrammeChange.objects.get(mini_conference=mini_conference)
    assert [f["field"] for f in change.fields] == ["title", "is_cancelled"]
    assert change.session is None


def test_a_change_raises_the_sequence_of_every_calendar_it_is_in(
    client, session, slot, fixed_clock
):
    mini_conference = slot.mini_conferences.first()
    urls = [
        "/programme.ics",
        f"/programme/{session.day.date}.ics",
        f"/programme/seances/{session.pk}.ics",
        f"/mini-conferences/{mini_conference.pk}.ics",
    ]
    before = {url: events(client, url) for url in urls}
    fixed_clock(EDITED)
    session.title += " (corrigée)"
    session.save()
    slot.start += datetime.timedelta(minutes=15)
    slot.end += datetime.timedelta(minutes=15)
    slot.save()

    for url in urls:
        after = events(client, url)
        assert after.keys() == before[url].keys()  # the same events: same UIDs
        moved = set()
        for uid, event in after.items():
            old = before[url][uid]
            if event["SUMMARY"] != old["SUMMARY"] or event["DTSTART"].dt != old["DTSTART"].dt:
                moved.add(uid)
                assert event["LAST-MODIFIED"].dt == EDITED
            assert int(event["SEQUENCE"]) == int(old["SEQUENCE"]) + (uid in moved), uid
        assert moved, f"{url}: the edits show"


def test_an_edit_that_changes_nothing_tracked_raises_nothing(session):
    session.description = "Une description plus longue."
    session.save()
    session.refresh_from_db()
    assert session.sequence == 0 and not ProgrammeChange.objects.exists()


def test_a_cancelled_session_stays_listed_marked_and_cancelled_in_calendars(client, session):
    session.is_cancelled = True
    session.save()
    html = client.get(reverse("programme:agenda")).content.decode()
    assert session.title in html and "annulée" in html
    event = events(client, f"/programme/seances/{session.pk}.ics").popitem()[1]
    assert event["STATUS"] == "CANCELLED"


@pytest.mark.parametrize("page", ["agenda", "day", "session", "venue"])
def test_a_changed_session_is_marked_on_the_pages_for_a_few_days(
    client, session, fixed_clock, settings, page
):
    settings.CHANGE_MARK_DAYS = 3
    fixed_clock(EDITED)
    session.venue = factories.VenueFactory(name="Grange")
    session.save()
    url = {
        "agenda": reverse("programme:agenda"),
        "day": session.day.get_absolute_url(),
        "session": session.get_absolute_url(),
        "venue": session.venue.get_absolute_url(),
    }[page]
    mark = "modifié le 1er juillet, 11\u00a0h\u00a030\u00a0: lieu"
    assert mark in client.get(url).content.decode().replace("&nbsp;", "\u00a0")
    fixed_clock(EDITED + datetime.timedelta(days=4))
    assert "modifié le" not in client.get(url).content.decode()


def test_the_log_lists_each_edit_newest_first_in_the_readers_language(client, session, settings):
    session.start += datetime.timedelta(minutes=30)
    session.save()
    other = Session.objects.exclude(pk=session.pk).filter(day=session.day).first() or session
    other.title = "Nouveau titre"
    other.save()
    french = client.get(reverse("programme:changes")).content.decode()
    assert french.index("Nouveau titre") < french.index("Début")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("programme:changes")).content.decode()
    day = session.day.date
    assert f"{day:%A} {day.day} {day:%B} {day:%Y}" in english  # « Tuesday 9 July 2030 »
    assert "juillet" not in english and "Start: " in english


def test_the_feed_gives_one_entry_per_edit_and_keeps_organisers_text_as_text(client, session):
    session.title = "Titre & <b>gras</b>"
    session.venue = factories.VenueFactory(name="Grange")
    session.save()
    root = ET.fromstring(client.get(reverse("programme:changes-feed")).content)
    (entry,) = root.findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert entry.findtext(f"{ATOM}title") == "Titre & <b>gras</b>"
    # type="html": the reader unescapes once and must find no markup to interpret.
    assert "<b>" not in summary.text and "&lt;b&gt;" in summary.text
    assert "Grange" in summary.text


def test_an_added_and_a_removed_session_are_logged(small_programme, session):
    added = factories.SessionFactory(day=session.day, title="Séance ajoutée", is_parallel=True)
    added.delete()
    kinds = list(ProgrammeChange.objects.order_by("pk").values_list("kind", "title", "session"))
    assert kinds == [("added", "Séance ajoutée", None), ("removed", "Séance ajoutée", None)]


def test_a_mini_conference_moved_to_another_slot_is_a_change_of_time(slot, small_programme):
    mini_conference = MiniConference.objects.filter(slot=slot).first()
    other_slot = factories.SessionFactory(
        day=slot.day, kind="mini_conferences", start=slot.start + datetime.timedelta(hours=3)
    )
    mini_conference.slot = other_slot
    mini_conference.save()
    change = ProgrammeChange.objects.get(mini_conference=mini_conference)
    assert [f["field"] for f in change.fields] == ["start"]
    assert [str(g) for g in change.groups] == ["horaire"]

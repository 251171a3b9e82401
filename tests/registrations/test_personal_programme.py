"""The printable personal programme and the personal .ics come from one builder: same items."""

import html
import re

import icalendar
import pytest
from django.urls import reverse
from django.utils.text import capfirst

from programme.formats import long_date, short_time
from programme.models import Session, SessionKind
from programme.typography import typeset_plain
from registrations import personal_programme
from teams import services as teams

WAITING = "en liste d’attente"


def page_items(client, registration):
    """(day, start, title, waiting note, notes, venue) for each session of the printed page."""
    response = client.get(reverse("registrations:personal-programme", args=[registration.token]))
    assert response.status_code == 200
    page, items = response.content.decode(), []
    for section in re.findall(r'<section class="personal-day".*?</section>', page, re.S):
        day = plain(re.search(r"<h2[^>]*>(.*?)</h2>", section, re.S)[1])
        for li in re.findall(r'<li class="session">(.*?)</li>', section, re.S):
            title = paragraphs(li, "session-title")[0]
            badge = re.search(r'<span class="badge[^"]*">(.*?)</span>', title, re.S)
            items.append(
                (
                    day,
                    first_time(plain(paragraphs(li, "session-time")[0])),
                    plain(re.sub(r"<span.*?</span>", "", title, flags=re.S)),
                    plain(badge[1]) if badge else "",
                    [plain(note) for note in paragraphs(li, "session-note")],
                    plain(paragraphs(li, "session-meta")[0]).split(" — ", 1)[1],
                )
            )
    return items


def paragraphs(fragment, css_class):
    """The inner HTML of each <p> of that class."""
    return re.findall(rf'<p class="{css_class}[^"]*">(.*?)</p>', fragment, re.S)


def calendar_items(client, registration):
    """The same facts, read from the .ics (plain text, where the page typesets)."""
    response = client.get(reverse("registrations:personal-calendar", args=[registration.token]))
    assert response.status_code == 200
    items = []
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    for event in sorted(events, key=lambda event: event.decoded("DTSTART")):
        start = event.decoded("DTSTART")
        summary = str(event["SUMMARY"])
        waiting = summary.endswith(f" ({WAITING})")
        description = str(event.get("DESCRIPTION", ""))
        items.append(
            (
                plain(capfirst(long_date(start.date()))),
                plain(short_time(start)),
                plain(typeset_plain(summary.removesuffix(f" ({WAITING})"))),
                WAITING if waiting else "",
                [
                    plain(typeset_plain(line))
                    for line in description.splitlines()
                    if line.startswith("Votre équipe")
                ],
                typeset_plain(str(event["LOCATION"])),
            )
        )
    return items


def plain(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def first_time(hours):
    """« 14 h 30 » of « 14 h 30 – 15 h 30 » or of « à partir de 14 h 30 »."""
    return re.search(r"\d+\s?h(?:\s?\d\d)?", hours)[0]


def confirmed_seat(register, mini_conferences, **kwargs):
    return register(mini_conference=mini_conferences[1], **kwargs)


def waiting_seat(register, mini_conferences, **kwargs):
    for _ in range(mini_conferences[0].capacity):
        register(mini_conference=mini_conferences[0])
    return register(mini_conference=mini_conferences[0], **kwargs)


def no_seat(register, mini_conferences, **kwargs):
    return register(mini_conference=None, **kwargs)


SEATS = {"confirmed-seat": confirmed_seat, "waiting-seat": waiting_seat, "no-seat": no_seat}


@pytest.mark.parametrize("seat", SEATS)
@pytest.mark.parametrize("with_meals", [True, False], ids=["meals", "no-meals"])
@pytest.mark.parametrize("published_team", [True, False], ids=["team", "no-team"])
def test_page_and_calendar_list_the_same_items(
    client, register, mini_conferences, meals, edition, seat, with_meals, published_team
):
    registration = SEATS[seat](register, mini_conferences, meals=meals[:1] if with_meals else [])
    if published_team:
        teams.publish(allocation=teams.run_challenge_allocation(edition=edition))

    on_page = page_items(client, registration)

    assert on_page == calendar_items(client, registration)
    assert len(on_page) > 1


@pytest.fixture
def items_of(db):
    def build(registration):
        notes = personal_programme.notes_for(registration)
        return personal_programme.personal_items(registration, notes=notes)

    return build


def test_a_slot_without_a_seat_is_left_out(register, mini_conferences, slot, items_of):
    items = items_of(register(mini_conference=None))

    assert [item.session for item in items if item.session.kind == slot.kind] == []


def test_a_waiting_seat_shows_its_mini_conference_with_the_note(
    register, mini_conferences, slot, items_of
):
    [item] = [i for i in items_of(waiting_seat(register, mini_conferences)) if i.session == slot]

    assert (item.title, item.waiting_note) == (str(mini_conferences[0]), WAITING)
    assert item.venue == mini_conferences[0].venue


def test_only_the_meals_chosen_are_listed(register, meals, items_of):
    items = items_of(register(meals=meals[1:]))

    assert [i.session for i in items if i.session.kind == SessionKind.MEAL] == meals[1:]


def test_a_published_team_is_noted_on_every_session_where_it_meets(register, edition, items_of):
    registration = register()
    teams.publish(allocation=teams.run_challenge_allocation(edition=edition))
    team = teams.published_memberships(registration).get().team

    noted = [(i.session.kind, i.notes) for i in items_of(registration) if i.notes]

    steps = Session.objects.of_edition(edition).filter(kind=SessionKind.CHALLENGE_STEP)
    assert noted == [(SessionKind.CHALLENGE_STEP, (f"Votre équipe\xa0: {team}",))] * steps.count()


def test_a_draft_team_is_not_noted(register, edition, items_of):
    registration = register()
    teams.run_challenge_allocation(edition=edition)

    assert [i for i in items_of(registration) if i.notes] == []


def test_builder_takes_notes_from_the_caller(register, edition):
    registration = register()

    items = personal_programme.personal_items(
        registration, notes={SessionKind.PLENARY: ["Apportez un stylo"]}
    )

    plenary = [i for i in items if i.session.kind == SessionKind.PLENARY]
    assert [i.notes for i in plenary] == [("Apportez un stylo",)]


def test_a_moved_mini_conference_is_marked_and_its_personal_event_updated(
    client, register, mini_conferences
):
    registration = confirmed_seat(register, mini_conferences)
    mini_conference = mini_conferences[1]
    calendar_url = reverse("registrations:personal-calendar", args=[registration.token])

    def events():
        calendar = icalendar.Calendar.from_ical(client.get(calendar_url).content)
        return {str(e["UID"]): e for e in calendar.walk("VEVENT")}

    before = events()
    mini_conference.venue = None
    mini_conference.save()

    page = client.get(reverse("registrations:personal-programme", args=[registration.token]))
    assert "modifié le" in plain(page.content.decode()) and ": lieu" in plain(page.content.decode())
    after = events()
    assert after.keys() == before.keys()
    raised = [
        str(event["SUMMARY"])
        for uid, event in after.items()
        if int(event["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    ]
    assert raised == [str(mini_conference)]

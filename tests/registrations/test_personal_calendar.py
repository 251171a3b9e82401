import icalendar
from django.urls import reverse

from programme.models import Session, SessionKind
from teams import services as teams


def events(client, registration):
    response = client.get(reverse("registrations:personal-calendar", args=[registration.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_personal_calendar_has_my_mini_conference_and_my_meals(
    client, register, mini_conferences, meals, slot
):
    registration = register(mini_conference=mini_conferences[1], meals=meals[:1])

    found = events(client, registration)

    assert str(mini_conferences[1]) in found
    assert str(mini_conferences[0]) not in found
    assert slot.title not in found
    assert meals[0].title in found and meals[1].title not in found
    assert found[str(mini_conferences[1])].decoded("DTSTART") == slot.start


def test_personal_calendar_uids_differ_from_the_public_calendar(client, register):
    registration = register()
    public = icalendar.Calendar.from_ical(client.get("/programme.ics").content)
    public_uids = {str(e["UID"]) for e in public.walk("VEVENT")}
    assert not public_uids & {str(e["UID"]) for e in events(client, registration).values()}


def test_personal_calendar_names_my_challenge_team_once_published(client, register, edition):
    registration = register()
    step = Session.objects.of_edition(edition).filter(kind=SessionKind.CHALLENGE_STEP).first()
    allocation = teams.run_challenge_allocation(edition=edition)
    assert "Votre équipe" not in str(
        events(client, registration)[step.title].get("DESCRIPTION", "")
    )

    teams.publish(allocation=allocation)

    description = str(events(client, registration)[step.title]["DESCRIPTION"])
    team = teams.published_memberships(registration).get().team
    assert f"Votre équipe\xa0: {team}" in description


def test_personal_calendar_of_an_unknown_link_is_404(client, db):
    response = client.get(reverse("registrations:personal-calendar", args=["x" * 43]))

    assert response.status_code == 404


def test_personal_page_offers_the_calendar_subscription(client, register):
    registration = register()
    html = client.get(registration.get_absolute_url()).content.decode()
    ics_url = reverse("registrations:personal-calendar", args=[registration.token])
    assert f"webcal://testserver{ics_url}" in html

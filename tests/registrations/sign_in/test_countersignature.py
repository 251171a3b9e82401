"""Closing a list (the countersignature), what changes after it and who may, the log; the codes
page and the code on the hall screens."""

import re

import pytest
from django.urls import reverse

from programme.screen import SCREEN_PANELS
from registrations import attendance, presence_codes
from registrations.models import Attendance, AttendanceLog, ListClosing, Seat
from registrations.screen_panel import sign_code_panel
from tests import factories
from tests.queries import count_queries
from tests.registrations.on_site import (
    NB,
    TUESDAY,
    at,
    facilitator,
    scan_url,
    self_sign_url,
    text,
)

CODES = reverse("registrations-staff:sign-codes")
ACTION = reverse("registrations-staff:sign-codes-action")
MORNING = {"date": TUESDAY.isoformat(), "period": "matin"}


def close_morning(client, fixed_clock):
    fixed_clock(at(TUESDAY, 12, 40))
    return client.post(ACTION, {**MORNING, "action": "close"}, follow=True)


def test_the_facilitator_closes_the_half_day_with_name_and_time(client, world, fixed_clock):
    user = facilitator()
    client.force_login(user)

    response = close_morning(client, fixed_clock)
    close_morning(client, fixed_clock)  # Closing again keeps the first signature.

    closing = ListClosing.objects.get()
    assert (closing.day.date, closing.period, closing.closed_by) == (TUESDAY, "morning", user)
    assert closing.closed_by_name == "Sam Animateur"
    assert closing.closed_at == at(TUESDAY, 12, 40)
    assert f"Liste close par Sam Animateur le mardi 9 juillet 2030 à 12{NB}h{NB}40" in text(
        response
    )


def test_after_closing_a_facilitator_adds_nothing(client, registration, fixed_clock):
    client.force_login(facilitator())
    close_morning(client, fixed_clock)

    response = client.post(scan_url(registration), follow=True)

    assert "La liste de cette demi-journée est close" in text(response)
    assert not Attendance.objects.exists()


def test_after_closing_the_room_code_adds_nothing(
    client, edition, morning, registration, fixed_clock
):
    client.force_login(facilitator())
    close_morning(client, fixed_clock)
    client.logout()

    right = presence_codes.half_day_code(edition, morning)
    response = client.post(self_sign_url(registration), {"code": right})

    assert "La liste de cette demi-journée est close" in text(response)
    assert not Attendance.objects.exists()


def test_after_closing_an_organiser_still_adds_and_it_is_logged(client, registration, fixed_clock):
    client.force_login(facilitator())
    close_morning(client, fixed_clock)
    organiser = factories.OrganiserFactory()
    client.force_login(organiser)

    client.post(scan_url(registration))

    assert Attendance.objects.get().recorded_by == organiser
    log = AttendanceLog.objects.get()
    assert (log.registration, log.action, log.by) == (registration, "added", organiser)
    assert log.at is not None and log.closing == ListClosing.objects.get()


def test_typing_presences_on_a_closed_list_is_logged(client, edition, registration, fixed_clock):
    other = factories.RegistrationFactory(edition=edition)
    factories.AttendanceFactory(
        registration=other, day=registration.edition.days.get(date=TUESDAY), period="morning"
    )
    client.force_login(facilitator())
    close_morning(client, fixed_clock)
    organiser = factories.OrganiserFactory()
    client.force_login(organiser)
    url = reverse("registrations-staff:attendance-half-day", args=[TUESDAY, "matin"])

    assert "Cette liste a été close par Sam Animateur" in text(client.get(url))
    client.post(url, {"present": [registration.pk]})

    logged = {(log.registration_id, log.action, log.by_id) for log in AttendanceLog.objects.all()}
    assert logged == {(registration.pk, "added", organiser.pk), (other.pk, "removed", organiser.pk)}


def test_a_closed_list_needs_the_right_to_change_presences(client, registration, fixed_clock):
    from django.contrib.auth.models import Permission

    client.force_login(facilitator())
    close_morning(client, fixed_clock)
    clerk = factories.StaffUserFactory()
    names = ["view_registration", "view_attendance", "add_attendance", "delete_attendance"]
    clerk.user_permissions.set(Permission.objects.filter(codename__in=names))
    client.force_login(clerk)
    url = reverse("registrations-staff:attendance-half-day", args=[TUESDAY, "matin"])

    assert client.get(url).status_code == 200
    assert client.post(url, {"present": [registration.pk]}).status_code == 403
    assert not Attendance.objects.exists()


def test_closing_a_mini_conference_keeps_its_list_as_signed(
    client, world, registration, fixed_clock
):
    mini_conference = world[1]
    client.force_login(facilitator())
    fixed_clock(at(TUESDAY, 12, 30))
    client.post(ACTION, {"action": "close", "pk": mini_conference.pk})

    client.post(scan_url(registration))

    assert ListClosing.objects.get().mini_conference == mini_conference
    assert Attendance.objects.count() == 1  # The half-day is still open.
    assert Seat.objects.get(registration=registration).attended is False


def test_changing_a_closed_mini_conference_is_logged(client, world, registration, fixed_clock):
    mini_conference = world[1]
    client.force_login(facilitator())
    client.post(ACTION, {"action": "close", "pk": mini_conference.pk})
    organiser = factories.OrganiserFactory()
    client.force_login(organiser)
    url = reverse("registrations-staff:attendance-mini-conference", args=[mini_conference.pk])

    client.post(url, {"present": [registration.pk]})

    assert Seat.objects.get(registration=registration).attended is True
    assert AttendanceLog.objects.get().action == "added"


@pytest.mark.parametrize(
    "data",
    [
        {"action": "boom"},
        {"action": "show", "date": "hier", "period": "matin"},
        {"action": "show", "date": TUESDAY.isoformat(), "period": "soir"},
        {"action": "close", "pk": "①"},
    ],
)
def test_a_strange_action_gets_a_404_page_not_an_error(client, world, data):
    client.force_login(facilitator())

    assert client.post(ACTION, data).status_code == 404


def test_the_codes_page_shows_the_current_code_large(client, edition, morning, fixed_clock):
    fixed_clock(at(TUESDAY, 9, 5))
    client.force_login(facilitator())

    response = client.get(CODES)

    html = response.content.decode()
    code = presence_codes.half_day_code(edition, morning)
    assert f'<p class="sign-code-large" id="current-code">{code}</p>' in html
    assert f"code valable de 8{NB}h{NB}30 à 13{NB}h" in text(response)
    assert html.count("<h1") == 1


def test_the_printable_code(client, edition, morning):
    client.force_login(facilitator())

    response = client.get(reverse("registrations-staff:sign-code-print", args=[TUESDAY, "matin"]))

    assert presence_codes.half_day_code(edition, morning) in text(response)
    assert "Signer ma présence" in text(response)


def test_the_hall_screens_show_the_code_only_once_turned_on(client, edition, morning, fixed_clock):
    assert sign_code_panel in SCREEN_PANELS
    fixed_clock(at(TUESDAY, 9, 5))
    assert sign_code_panel(edition, None, at(TUESDAY, 9, 5)) is None
    client.force_login(facilitator())

    client.post(ACTION, {**MORNING, "action": "show"})

    panel = sign_code_panel(edition, None, at(TUESDAY, 9, 5))
    assert panel == {
        "kind": "sign_code",
        "code": presence_codes.half_day_code(edition, morning),
        "label": "Code d’émargement",
        "until": at(TUESDAY, 13, 0),
    }
    # Outside its half-day, nothing; turned off, nothing.
    assert sign_code_panel(edition, None, at(TUESDAY, 13, 30)) is None
    client.post(ACTION, {**MORNING, "action": "hide"})
    assert sign_code_panel(edition, None, at(TUESDAY, 9, 5)) is None


def test_changes_in_the_admin_to_a_closed_list_are_logged(client, world, registration, fixed_clock):
    client.force_login(facilitator())
    close_morning(client, fixed_clock)
    organiser = factories.OrganiserFactory()
    client.force_login(organiser)
    day = registration.edition.days.get(date=TUESDAY)
    added = {
        "registration": registration.pk,
        "day": day.pk,
        "period": "morning",
        "recorded_at_0": TUESDAY.isoformat(),
        "recorded_at_1": "09:30:00",
    }

    response = client.post(reverse("admin:registrations_attendance_add"), added)
    record = Attendance.objects.get()
    client.post(reverse("admin:registrations_attendance_delete", args=[record.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert (record.method, record.recorded_by) == ("sheet", organiser)
    assert [(log.action, log.by) for log in AttendanceLog.objects.all()] == [
        ("added", organiser),
        ("removed", organiser),
    ]
    assert not Attendance.objects.exists()


def test_the_code_reaches_the_hall_screen_opened_from_the_codes_page(
    client, edition, morning, fixed_clock
):
    fixed_clock(at(TUESDAY, 9, 5))
    client.force_login(facilitator())
    client.post(ACTION, {**MORNING, "action": "show"})
    code = presence_codes.half_day_code(edition, morning)

    link = re.search(r'id="screen-link"[^>]*>([^<]+)<', client.get(CODES).content.decode())[1]
    client.logout()

    # The screen opened with the link shows the code; the same public page without it does not.
    assert code in client.get(link).content.decode()
    assert code not in client.get(reverse("programme:screen")).content.decode()


def test_the_codes_page_reads_a_constant_number_of_queries(client, world, fixed_clock):
    edition, mini_conference, _ = world
    client.force_login(facilitator())
    fixed_clock(at(TUESDAY, 9, 5))
    before = count_queries(client, CODES)

    # Every half-day shown and closed, presences recorded, more mini-conferences, closed too.
    slot = mini_conference.slot
    others = [factories.MiniConferenceFactory(slot=slot, number=n) for n in range(5, 9)]
    for half_day in attendance.half_days(edition):
        period = {"date": half_day.day.date.isoformat(), "period": half_day.slug}
        client.post(ACTION, {**period, "action": "show"})
        client.post(ACTION, {**period, "action": "close"})
        factories.AttendanceFactory.create_batch(
            3, day=half_day.day, period=half_day.period, registration__edition=edition
        )
    for other in [mini_conference, *others]:
        client.post(ACTION, {"action": "close", "pk": other.pk})
    assert ListClosing.objects.count() == len(attendance.half_days(edition)) + 5

    assert count_queries(client, CODES) == before

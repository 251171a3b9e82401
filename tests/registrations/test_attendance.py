import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from registrations import attendance
from registrations.models import Attendance, Seat
from tests import factories

NB = "\u00a0"
MONDAY = datetime.date(2030, 7, 8)
TUESDAY = datetime.date(2030, 7, 9)


@pytest.fixture
def edition(db):
    return factories.edition_with_half_days(start_date=MONDAY, end_date=TUESDAY)


@pytest.fixture
def staff_client(client, db):
    client.force_login(factories.OrganiserFactory())
    return client


def test_half_days_come_from_training_sessions(edition):
    result = [
        (h.day.date, h.period, h.hours(), h.duration_text()) for h in attendance.half_days(edition)
    ]

    assert result == [
        (MONDAY, "afternoon", f"14{NB}h{NB}30 – 18{NB}h{NB}30", f"4{NB}h"),
        (TUESDAY, "morning", f"9{NB}h – 12{NB}h{NB}30", f"3{NB}h{NB}30"),
        (TUESDAY, "afternoon", f"14{NB}h{NB}30 – 18{NB}h{NB}30", f"4{NB}h"),
    ]


@pytest.mark.parametrize(
    ("kind", "cancelled", "monday_afternoon"),
    [
        ("learning_cafe", False, f"13{NB}h – 18{NB}h{NB}30"),
        ("welcome_coffee", False, f"14{NB}h{NB}30 – 18{NB}h{NB}30"),
        ("learning_cafe", True, f"14{NB}h{NB}30 – 18{NB}h{NB}30"),
    ],
    ids=["learning-cafe-counts", "welcome-coffee-does-not", "cancelled-does-not"],
)
def test_half_day_runs_from_its_first_session_that_counts(
    edition, kind, cancelled, monday_afternoon
):
    monday = edition.days.get(date=MONDAY)
    factories.SessionFactory(
        day=monday,
        kind=kind,
        title="Café apprenant",
        start=factories.paris(MONDAY, 13, 0),
        end=factories.paris(MONDAY, 14, 30),
        is_cancelled=cancelled,
    )

    first = attendance.half_days(edition)[0]

    assert (first.period, first.hours()) == ("afternoon", monday_afternoon)


def test_the_2017_monday_afternoon_starts_with_the_learning_cafe(programme):
    monday = attendance.half_days(programme)[0]

    assert (monday.period, monday.hours()) == ("afternoon", f"13{NB}h – 19{NB}h{NB}30")


@pytest.mark.parametrize(
    ("hour", "minute", "period"),
    [(12, 59, "morning"), (13, 0, "afternoon"), (8, 0, "morning")],
    ids=["just-before-one", "one-o-clock", "early"],
)
def test_period_of_splits_at_one_pm_paris_time(hour, minute, period):
    start = factories.paris(MONDAY, hour, minute)

    assert attendance.period_of(start) == period


def test_half_day_with_only_a_meal_is_not_a_half_day(edition):
    wednesday = factories.DayFactory(edition=edition, date=TUESDAY + datetime.timedelta(1))
    factories.SessionFactory(day=wednesday, kind="meal", start=factories.paris(wednesday.date, 13))

    assert attendance.find_half_day(edition, wednesday.date, "afternoon") is None
    assert [h.day.date for h in attendance.half_days(edition)] == [MONDAY, TUESDAY, TUESDAY]


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(45, "45 min"), (60, f"1{NB}h"), (210, f"3{NB}h{NB}30"), (690, f"11{NB}h{NB}30")],
    ids=["minutes-only", "one-hour", "hours-and-minutes", "total"],
)
def test_format_duration(minutes, expected):
    assert attendance.format_duration(datetime.timedelta(minutes=minutes)) == expected


def test_attendance_form_lists_confirmed_registrations_prechecked(edition, staff_client):
    present = factories.RegistrationFactory(edition=edition, last_name="Abadie")
    absent = factories.RegistrationFactory(edition=edition, last_name="Bernard")
    factories.RegistrationFactory(edition=edition, last_name="Caron", status="cancelled")
    factories.AttendanceFactory(registration=present, day=edition.days.get(date=TUESDAY))
    url = reverse("registrations-staff:attendance-half-day", args=[TUESDAY, "matin"])

    form = staff_client.get(url).context["form"]

    assert [r.last_name for r in form.fields["present"].queryset] == ["Abadie", "Bernard"]
    assert form["present"].value() == [present.pk]
    assert absent.pk not in form["present"].value()


def test_attendance_round_trip_creates_and_deletes_rows(edition, staff_client):
    first, second, third = factories.RegistrationFactory.create_batch(3, edition=edition)
    tuesday = edition.days.get(date=TUESDAY)
    factories.AttendanceFactory(registration=first, day=tuesday, period="afternoon")
    url = reverse("registrations-staff:attendance-half-day", args=[TUESDAY, "apres-midi"])

    response = staff_client.post(url, {"present": [second.pk, third.pk]}, follow=True)

    recorded = Attendance.objects.filter(day=tuesday, period="afternoon")
    assert sorted(recorded.values_list("registration_id", flat=True)) == [second.pk, third.pk]
    assert [str(m) for m in response.context["messages"]] == ["Les présences sont enregistrées."]
    assert response.redirect_chain == [(url, 302)]


def test_attendance_saving_twice_is_stable(edition, staff_client):
    registration = factories.RegistrationFactory(edition=edition)
    url = reverse("registrations-staff:attendance-half-day", args=[MONDAY, "apres-midi"])

    staff_client.post(url, {"present": [registration.pk]})
    staff_client.post(url, {"present": [registration.pk]})

    assert Attendance.objects.filter(registration=registration).count() == 1


def test_attendance_of_a_mini_conference_sets_seat_attended(edition, staff_client):
    slot = edition.days.get(date=TUESDAY).sessions.get(kind="mini_conferences")
    mini_conference = factories.MiniConferenceFactory(slot=slot)
    came, missed = factories.SeatFactory.create_batch(
        2, mini_conference=mini_conference, registration__edition=edition
    )
    Seat.objects.filter(pk=missed.pk).update(attended=True)
    url = reverse("registrations-staff:attendance-mini-conference", args=[mini_conference.pk])

    staff_client.post(url, {"present": [came.registration.pk]})

    attended = dict(Seat.objects.values_list("pk", "attended"))
    assert attended == {came.pk: True, missed.pk: False}


def test_attendance_post_without_csrf_token_is_refused(edition, db):
    from django.test import Client

    user = get_user_model().objects.create_user("orga", password="x", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    registration = factories.RegistrationFactory(edition=edition)
    url = reverse("registrations-staff:attendance-half-day", args=[MONDAY, "apres-midi"])

    response = client.post(url, {"present": [registration.pk]})

    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_attendance_page_is_staff_only(edition, client):
    registration = factories.RegistrationFactory(edition=edition)
    url = reverse("registrations-staff:attendance-half-day", args=[MONDAY, "apres-midi"])

    response = client.post(url, {"present": [registration.pk]})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "path",
    ["2030-07-08/matin/", "2030-07-08/soir/", "2031-01-01/matin/", "2030-02-30/matin/"],
    ids=["no-training-that-morning", "unknown-period", "day-not-in-programme", "impossible-date"],
)
def test_attendance_unknown_half_day_is_404(edition, staff_client, path):
    response = staff_client.get(f"/organisation/presences/{path}")

    assert response.status_code == 404

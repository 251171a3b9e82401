import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone
from post_office.models import STATUS, Email

from registrations import services
from registrations.exceptions import (
    DuplicateRegistration,
    EditionFull,
    MiniConferenceFull,
    RegistrationClosed,
)
from registrations.models import ChallengePreference, Registration, Seat
from tests.conftest import FAILING_BACKEND
from tests.factories import EmailFactory, RegistrationFactory, SeatFactory


def statuses(*registrations):
    return [Seat.objects.get(registration=r).status for r in registrations]


def test_register_creates_seat_preferences_and_meals(register, mini_conferences, challenges, meals):
    registration = register(meals=meals[:1], challenges=[challenges[2], challenges[0]])

    assert registration.seat.mini_conference == mini_conferences[0]
    assert registration.seat.status == Seat.Status.CONFIRMED
    preferences = ChallengePreference.objects.filter(registration=registration)
    assert [(p.rank, p.challenge) for p in preferences] == [(1, challenges[2]), (2, challenges[0])]
    assert list(registration.meals.all()) == meals[:1]


def test_register_full_mini_conference_waits_or_refuses(register, mini_conferences):
    full = mini_conferences[0]
    register(mini_conference=full)
    register(mini_conference=full)

    waiting = register(mini_conference=full, join_waiting_list=True)
    with pytest.raises(MiniConferenceFull):
        register(mini_conference=full, join_waiting_list=False, data={"email": "x@example.org"})

    assert waiting.seat.status == Seat.Status.WAITING
    assert not Registration.objects.filter(email="x@example.org").exists()


def test_register_without_mini_conference_takes_no_seat(register):
    registration = register(mini_conference=None)

    assert not Seat.objects.filter(registration=registration).exists()


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(None, None), (1, 5), (-5, -1)],
    ids=["no-dates", "not-yet-open", "closed"],
)
def test_register_outside_the_window_is_refused(register, edition, opens, closes):
    now = timezone.now()
    edition.registration_opens_at = now + datetime.timedelta(days=opens) if opens else None
    edition.registration_closes_at = now + datetime.timedelta(days=closes) if closes else None
    edition.save()

    with pytest.raises(RegistrationClosed):
        register()

    assert Registration.objects.count() == 0


def test_register_window_boundaries(edition):
    opens = edition.registration_opens_at
    closes = edition.registration_closes_at
    second = datetime.timedelta(seconds=1)

    assert services.registration_window(edition, now=opens - second) == services.NOT_YET_OPEN
    assert services.registration_window(edition, now=opens) == services.OPEN
    assert services.registration_window(edition, now=closes - second) == services.OPEN
    assert services.registration_window(edition, now=closes) == services.CLOSED


def test_register_beyond_edition_capacity_is_refused(register, edition):
    edition.capacity = 2
    edition.save()
    first = register()
    register()

    with pytest.raises(EditionFull):
        register()
    services.cancel_registration(registration=first)
    register()  # A cancellation gives the place back.

    assert Registration.objects.exclude(status="cancelled").count() == 2


@pytest.mark.parametrize("email", ["camille@example.org", "CAMILLE@Example.ORG"])
def test_register_same_email_twice_is_a_duplicate(register, email):
    register(data={"email": "camille@example.org"})

    with pytest.raises(DuplicateRegistration):
        register(data={"email": email})

    assert Registration.objects.count() == 1


def test_register_again_after_cancelling(register):
    first = register(data={"email": "camille@example.org"})
    services.cancel_registration(registration=first)

    again = register(data={"email": "Camille@example.org"})

    assert again.pk != first.pk


def test_database_constraint_refuses_same_email_in_other_case(edition):
    RegistrationFactory(edition=edition, email="camille@example.org")

    with pytest.raises(IntegrityError):
        RegistrationFactory(edition=edition, email="Camille@EXAMPLE.org")


def test_confirmation_is_sent_only_after_commit(register, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registration = register()
        assert mail.outbox == []

    assert Email.objects.count() == 0
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert registration.get_absolute_url() in mail.outbox[0].body
    email = Email.objects.get()
    assert (email.to, email.status) == ([registration.email], STATUS.sent)
    assert [log.status for log in email.logs.all()] == [STATUS.sent]


def test_failing_mail_server_records_the_failure(register, failing_mail_server, committed):
    with committed():
        registration = register()

    email = Email.objects.get()
    assert (email.to, email.status) == ([registration.email], STATUS.failed)
    (log,) = email.logs.all()
    assert (log.status, log.exception_type) == (STATUS.failed, "SMTPException")
    assert "Relais SMTP injoignable" in log.message
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_send_confirmation_again_after_a_failure(register, settings):
    registration = register()
    backends = settings.POST_OFFICE["BACKENDS"]
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": FAILING_BACKEND}}
    services.send_confirmation(registration=registration)
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": backends}

    services.send_confirmation(registration=registration)

    statuses = list(Email.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [STATUS.failed, STATUS.sent]
    assert [m.to for m in mail.outbox] == [[registration.email]]
    assert mail.outbox[0].message()["Reply-To"] == "contact@example.org"


def test_email_without_request_links_through_site_url(register, settings):
    settings.SITE_URL = "https://cluny.example.org"
    registration = register()

    services.send_confirmation(registration=registration)

    assert f"https://cluny.example.org{registration.get_absolute_url()}" in mail.outbox[0].body


def test_change_of_mini_conference_frees_the_seat_and_promotes(
    register, mini_conferences, challenges, committed
):
    first, second = mini_conferences
    mover = register(mini_conference=first)
    register(mini_conference=first)
    waiting = [register(mini_conference=first) for _ in range(2)]

    with committed():
        services.change_choices(
            registration=mover,
            mini_conference=second,
            join_waiting_list=False,
            challenges=challenges[1:4],
            meals=[],
        )

    assert Seat.objects.get(registration=mover).mini_conference == second
    assert statuses(*waiting) == ["confirmed", "waiting"]
    assert [m.to for m in mail.outbox] == [[waiting[0].email], [mover.email]]
    preferences = ChallengePreference.objects.filter(registration=mover)
    assert [p.challenge for p in preferences] == challenges[1:4]


def test_change_keeping_the_mini_conference_keeps_the_place_in_queue(register, mini_conferences):
    full = mini_conferences[0]
    register(mini_conference=full)
    register(mini_conference=full)
    first_waiting = register(mini_conference=full)
    second_waiting = register(mini_conference=full)
    joined_at = Seat.objects.get(registration=first_waiting).joined_at

    services.change_choices(
        registration=first_waiting,
        mini_conference=full,
        join_waiting_list=True,
        challenges=[],
        meals=[],
    )

    seat = Seat.objects.get(registration=first_waiting)
    assert (seat.status, seat.joined_at) == ("waiting", joined_at)
    assert Seat.objects.get(registration=second_waiting).joined_at > joined_at


def test_change_to_a_full_mini_conference_without_waiting_changes_nothing(
    register, mini_conferences, challenges
):
    first, second = mini_conferences
    register(mini_conference=second)
    register(mini_conference=second)
    mover = register(mini_conference=first)

    with pytest.raises(MiniConferenceFull):
        services.change_choices(
            registration=mover,
            mini_conference=second,
            join_waiting_list=False,
            challenges=challenges[:1],
            meals=[],
        )

    assert Seat.objects.get(registration=mover).mini_conference == first
    assert ChallengePreference.objects.filter(registration=mover).count() == 3


def test_cancel_frees_the_seat_and_promotes_the_first_waiting(
    register, mini_conferences, committed
):
    full = mini_conferences[0]
    leaving = register(mini_conference=full)
    register(mini_conference=full)
    waiting = [register(mini_conference=full) for _ in range(2)]

    with committed():
        services.cancel_registration(registration=leaving)

    leaving.refresh_from_db()
    assert leaving.status == Registration.Status.CANCELLED
    assert leaving.cancelled_at is not None
    assert not Seat.objects.filter(registration=leaving).exists()
    assert statuses(*waiting) == ["confirmed", "waiting"]
    assert Seat.objects.get(registration=waiting[0]).promoted_at is not None
    assert [m.to for m in mail.outbox] == [[waiting[0].email], [leaving.email]]


def test_cancel_of_a_waiting_seat_promotes_nobody(register, mini_conferences, committed):
    full = mini_conferences[0]
    register(mini_conference=full)
    register(mini_conference=full)
    leaving, staying = register(mini_conference=full), register(mini_conference=full)

    with committed():
        services.cancel_registration(registration=leaving)

    assert statuses(staying) == ["waiting"]
    assert [m.to for m in mail.outbox] == [[leaving.email]]


def test_promote_waiting_follows_the_order_of_joining(edition, mini_conferences, committed):
    mini_conference = mini_conferences[0]
    now = timezone.now()
    later, earlier, earliest = (
        SeatFactory(
            registration__edition=edition,
            mini_conference=mini_conference,
            status="waiting",
            joined_at=now - datetime.timedelta(minutes=minutes),
        )
        for minutes in (1, 2, 3)
    )

    with committed():
        promoted = services.promote_waiting(mini_conference=mini_conference)

    assert promoted == [earliest, earlier]
    later.refresh_from_db()
    assert later.status == "waiting"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [earliest.registration.email, earlier.registration.email]
    )


def test_newcomer_does_not_overtake_people_waiting(edition, register, mini_conferences):
    mini_conference = mini_conferences[0]
    waiting = SeatFactory(
        registration__edition=edition, mini_conference=mini_conference, status="waiting"
    )
    register(mini_conference=mini_conference)
    register(mini_conference=mini_conference)
    newcomer = register(mini_conference=mini_conference)

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert statuses(newcomer) == ["waiting"]


def test_delete_registration_data_removes_everything_and_promotes(
    register, mini_conferences, committed
):
    full = mini_conferences[0]
    leaving = register(mini_conference=full)
    register(mini_conference=full)
    waiting = register(mini_conference=full)

    with committed():
        services.delete_registration_data(registration=leaving)

    assert not Registration.objects.filter(pk=leaving.pk).exists()
    assert not ChallengePreference.objects.filter(registration_id=leaving.pk).exists()
    assert statuses(waiting) == ["confirmed"]
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_erasure_deletes_the_copies_the_queue_kept(register, committed):
    with committed():
        registration = register(data={"email": "camille@example.org"})
    services.send_confirmation(registration=registration)
    other = EmailFactory(to=["autre@example.org"])
    assert Email.objects.filter(to="camille@example.org").count() == 2

    with committed():
        services.delete_registration_data(registration=registration)

    assert list(Email.objects.all()) == [other]

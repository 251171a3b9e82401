"""Every side effect on registrations and seats: sign-up, change of choice, cancellation, emails.

Emails are queued after commit (mailqueue): the worker sends them, so a slow mail server never
holds a request, and what a message says is the committed state.

Seat accounting stays exact under concurrency because each decision about a mini-conference's
seats is taken in one transaction holding that mini-conference's row lock (and, on sign-up, the
edition's row lock for the overall capacity). On SQLite, select_for_update() is a no-op but the
settings open IMMEDIATE transactions: one writer at a time gives the same guarantee.

Locks are always taken in the same order — edition, registration, mini-conferences by primary
key — so that two transactions never wait for each other in a cycle.
"""

from functools import partial

from django.db import IntegrityError, transaction

from programme import clock
from programme.models import Edition, MiniConference

from . import double_taps, emails, forgetting
from .exceptions import (
    DuplicateRegistration,
    EditionFull,
    MiniConferenceFull,
    RegistrationCancelled,
    RegistrationClosed,
    RegistrationGone,
)
from .models import ChallengePreference, Registration, Seat

NOT_YET_OPEN, OPEN, CLOSED = "not-yet-open", "open", "closed"
UNIQUE_EMAIL_CONSTRAINT = "one_registration_per_email_per_edition"


def registration_window(edition, *, now=None):
    """NOT_YET_OPEN, OPEN or CLOSED, from the dates held by the edition."""
    now = now or clock.now()
    if edition.registration_opens_at is None or now < edition.registration_opens_at:
        return NOT_YET_OPEN
    if edition.registration_closes_at is not None and now >= edition.registration_closes_at:
        return CLOSED
    return OPEN


def register(*, edition, data, meals, mini_conference, join_waiting_list, challenges, request=None):
    """Create a registration, its seat and its challenge preferences.

    data holds the Registration fields typed in the form; consent_at defaults to now.
    Side effects: locks the edition then the mini-conference; creates the Registration, its
    Seat (confirmed, or waiting if the mini-conference is full and join_waiting_list) and its
    ChallengePreference rows; after commit, queues the confirmation email. Raises
    RegistrationClosed, EditionFull, MiniConferenceFull or DuplicateRegistration, and then
    nothing is saved. DuplicateRegistration comes last, once every other check passed, so that
    an address already registered meets the same refusals as a new one (tell_already_registered).
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if registration_window(edition) != OPEN:
            raise RegistrationClosed
        _check_edition_capacity(edition)
        try:
            registration = _create_registration(edition, data)
        except DuplicateRegistration as duplicate:
            # The seat a newcomer would get: the thank-you page says the same as for one.
            seat_status = _check_seat_as_for_a_newcomer(mini_conference, join_waiting_list)
            duplicate.seat_status = seat_status
            raise
        registration.meals.set(meals)
        if mini_conference is not None:
            _notify_promoted(_take_seat(registration, mini_conference, join_waiting_list), request)
        _set_preferences(registration, challenges)
        # robust: the registration is committed by then; nothing after it may turn into a 500.
        transaction.on_commit(
            partial(send_confirmation, registration=registration, request=request), robust=True
        )
    return registration


def change_choices(
    *, registration, mini_conference, join_waiting_list, challenges, meals, request=None
):
    """Replace the workshop choices and meals of a registration.

    Side effects: a new mini-conference frees the old seat and promotes the first person
    waiting there (emailed after commit); choosing the same mini-conference keeps the seat
    and its place in the queue. After commit, the participant is emailed their choices as
    they now stand. Raises MiniConferenceFull, RegistrationGone or RegistrationCancelled (a
    cancelled registration holds no seat to change), and then nothing changes.
    """
    with transaction.atomic():
        registration = _lock_registration(registration, cancelled=RegistrationCancelled)
        promoted = _move_seat(registration, mini_conference, join_waiting_list)
        registration.meals.set(meals)
        _set_preferences(registration, challenges)
        _notify_promoted(promoted, request)
        _email_after_commit(emails.choices_changed_message, registration, request)
    return registration


def cancel_registration(*, registration, request=None):
    """Cancel: status cancelled, cancelled_at set, seat freed, first person waiting promoted;
    after commit, both are emailed. The address may then be used to register again. Cancelling
    twice does nothing the second time; raises RegistrationGone if it no longer exists."""
    with transaction.atomic():
        registration = _lock_registration(registration, cancelled=None)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        promoted = _release_seat(registration)
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = clock.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        _notify_promoted(promoted, request)
        _email_after_commit(emails.cancellation_message, registration, request)
    return registration


def delete_registration_data(*, registration, request=None):
    """The participant's own erasure: the registration and everything attached to it is deleted,
    the emails to its address too (the queue keeps a copy of each), and the admin's history and
    other people's emails no longer name the person (forgetting.forget); the seat it held goes
    to the first person waiting (emailed after commit). A cancelled registration's data may be
    deleted too; raises RegistrationGone if it no longer exists (deleted by another request)."""
    with transaction.atomic():
        registration = _lock_registration(registration, cancelled=None)
        promoted = _release_seat(registration)
        forgetting.forget([registration])
        registration.delete()
        _notify_promoted(promoted, request)


def promote_waiting(*, mini_conference, request=None):
    """Fill the free seats of a mini-conference from its waiting list, in order of joining.

    Side effects: the promoted seats become confirmed, with promoted_at; each promoted person
    is emailed after commit. Returns the promoted seats.
    """
    with transaction.atomic():
        locked = _lock_mini_conferences([mini_conference.pk])[mini_conference.pk]
        promoted = _fill_free_seats(locked)
        _notify_promoted(promoted, request)
    return promoted


def tell_already_registered(*, edition, email, data=None, request=None):
    """Someone signed up again with the address of an active registration: its owner is sent
    their personal link (queued), saying so, and nothing else changes. The person who signed up
    sees the page of a new sign-up: the form never tells whether an address is registered."""
    registration = (
        Registration.objects.active().of_edition(edition).filter(email__iexact=email).first()
    )
    if registration is not None and not double_taps.is_double_tap(registration, data):
        emails.signup_again_message(registration, request=request).send()


def send_confirmation(*, registration, request=None):
    """(Re)send the confirmation email with the personal link: queued, the worker sends it
    (its delivery shows in the admin, from the queue)."""
    emails.confirmation_message(registration, request=request).send()


def edition_is_full(edition):
    """Whether the edition's overall capacity (if any) is reached by confirmed registrations."""
    if edition.capacity is None:
        return False
    return Registration.objects.of_edition(edition).confirmed().count() >= edition.capacity


def _check_edition_capacity(edition):
    if edition_is_full(edition):
        raise EditionFull


def _create_registration(edition, data):
    registration = Registration(edition=edition, **{"consent_at": clock.now(), **data})
    try:
        # A savepoint, so the outer transaction survives and the error can be told apart.
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        if UNIQUE_EMAIL_CONSTRAINT in str(error):
            raise DuplicateRegistration from error
        raise
    return registration


def _check_seat_as_for_a_newcomer(mini_conference, join_waiting_list):
    """The seat status a new registration would get (None without a mini-conference), or raise
    MiniConferenceFull where it would meet it. What the check changes (promotions) is rolled
    back with the transaction of the duplicate it runs for."""
    if mini_conference is None:
        return None
    locked = _lock_mini_conferences([mini_conference.pk])[mini_conference.pk]
    return _status_for_newcomer(locked, join_waiting_list)[0]


def _set_preferences(registration, challenges):
    ChallengePreference.objects.filter(registration=registration).delete()
    ChallengePreference.objects.bulk_create(
        ChallengePreference(registration=registration, challenge=challenge, rank=rank)
        for rank, challenge in enumerate(challenges, start=1)
    )


def _lock_registration(registration, *, cancelled):
    """The registration's row, locked and read again: another request may have deleted,
    anonymised or cancelled it since the view read it (then `cancelled` is raised, if given)."""
    locked = Registration.objects.select_for_update().filter(pk=registration.pk).first()
    if locked is None or locked.anonymised_at is not None:
        raise RegistrationGone
    if cancelled is not None and locked.status == Registration.Status.CANCELLED:
        raise cancelled
    return locked


def _lock_mini_conferences(pks):
    """Lock the rows in primary-key order; returns them by primary key."""
    rows = MiniConference.objects.select_for_update().filter(pk__in=pks).order_by("pk")
    return {mc.pk: mc for mc in rows}


def _confirmed_count(mini_conference):
    return Seat.objects.filter(
        mini_conference=mini_conference, status=Seat.Status.CONFIRMED
    ).count()


def _fill_free_seats(mini_conference):
    """Promote people waiting, oldest first, into free seats. The caller holds the row lock."""
    free = mini_conference.capacity - _confirmed_count(mini_conference)
    if free <= 0:
        return []
    queue = Seat.objects.filter(mini_conference=mini_conference, status=Seat.Status.WAITING)
    queue = queue.select_related("registration__edition", "mini_conference")
    promoted = list(queue.order_by("joined_at", "pk")[:free])
    now = clock.now()
    for seat in promoted:
        seat.status, seat.promoted_at = Seat.Status.CONFIRMED, now
        # save(), not bulk_update(): post_save tells the public page cache that seats changed.
        seat.save(update_fields=["status", "promoted_at"])
    return promoted


def _status_for_newcomer(mini_conference, join_waiting_list):
    """The status a new seat gets; first gives free seats to those already waiting (they were
    there first, e.g. when organisers raised the capacity). The caller holds the row lock."""
    promoted = _fill_free_seats(mini_conference)
    if _confirmed_count(mini_conference) < mini_conference.capacity:
        return Seat.Status.CONFIRMED, promoted
    if join_waiting_list:
        return Seat.Status.WAITING, promoted
    raise MiniConferenceFull


def _take_seat(registration, mini_conference, join_waiting_list):
    locked = _lock_mini_conferences([mini_conference.pk])[mini_conference.pk]
    status, promoted = _status_for_newcomer(locked, join_waiting_list)
    Seat.objects.create(registration=registration, mini_conference=locked, status=status)
    return promoted


def _release_seat(registration):
    """Delete the registration's seat; if it was confirmed, promote the first person waiting."""
    seat = Seat.objects.filter(registration=registration).first()
    if seat is None:
        return []
    locked = _lock_mini_conferences([seat.mini_conference_id])[seat.mini_conference_id]
    # Re-read under the lock: a promotion may have confirmed this seat in the meantime.
    seat.refresh_from_db()
    seat.delete()
    if seat.status != Seat.Status.CONFIRMED:
        return []
    return _fill_free_seats(locked)


def _move_seat(registration, mini_conference, join_waiting_list):
    seat = Seat.objects.filter(registration=registration).first()
    old_pk = seat.mini_conference_id if seat else None
    new_pk = mini_conference.pk if mini_conference else None
    if old_pk == new_pk:
        return []
    locked = _lock_mini_conferences([pk for pk in (old_pk, new_pk) if pk is not None])
    promoted = []
    if new_pk is not None:
        status, promoted = _status_for_newcomer(locked[new_pk], join_waiting_list)
    if seat is not None:
        promoted += _release_seat(registration)
    if new_pk is not None:
        Seat.objects.create(
            registration=registration, mini_conference=locked[new_pk], status=status
        )
    return promoted


def _notify_promoted(seats, request):
    if seats:
        transaction.on_commit(partial(_send_promotions, seats, request), robust=True)


def _send_promotions(seats, request):
    for seat in seats:
        emails.promotion_message(seat, request=request).send()


def _email_after_commit(build, registration, request):
    """Queue the email `build` makes once the transaction commits: it then tells the committed
    state, and a rollback emails nobody. robust: the change is committed by then, and nothing
    after it may turn into a 500."""
    transaction.on_commit(lambda: build(registration, request=request).send(), robust=True)

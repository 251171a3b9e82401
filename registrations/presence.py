"""Signing a half-day on site: by staff scanning the person's code, or by the person with the
half-day's code; the countersignature that closes a list; the changes made after it.

The half-day « now » comes from the programme (attendance.half_days) and the site's clock:
its window runs from SIGN_IN_OPENS_MINUTES_BEFORE its first training session to
SIGN_IN_CLOSES_MINUTES_AFTER its last.
"""

import datetime

from django.conf import settings
from django.db import transaction

from programme import clock

from . import attendance
from .models import Attendance, AttendanceLog, ListClosing, Seat, SignCodeDisplay

# An organiser's right to change a closed list: the one that already changes presences.
CHANGE_CLOSED = "registrations.change_attendance"


class ListClosed(Exception):
    """The list is countersigned: only an organiser may still change it."""

    def __init__(self, closing):
        super().__init__(str(closing))
        self.closing = closing


def window(half_day):
    """(opens, closes) of the half-day's sign-in."""
    before = datetime.timedelta(minutes=settings.SIGN_IN_OPENS_MINUTES_BEFORE)
    after = datetime.timedelta(minutes=settings.SIGN_IN_CLOSES_MINUTES_AFTER)
    return half_day.start - before, half_day.end + after


def current_half_day(edition, at=None):
    """The half-day whose sign-in window holds `at` (the clock's now), or None."""
    at = at or clock.now()
    return next(
        (h for h in attendance.half_days(edition) if window(h)[0] <= at <= window(h)[1]), None
    )


def attendance_at(registration, half_day):
    if half_day is None:
        return None
    return Attendance.objects.filter(
        registration=registration, day=half_day.day, period=half_day.period
    ).first()


def closing_of(*, half_day=None, mini_conference=None):
    if mini_conference is not None:
        return ListClosing.objects.filter(mini_conference=mini_conference).first()
    return ListClosing.objects.filter(
        day=half_day.day, period=half_day.period, mini_conference=None
    ).first()


def may_change_closed(user):
    return user is not None and user.has_perm(CHANGE_CLOSED)


def log_change(closing, registration, action, by):
    if closing is not None:
        AttendanceLog.objects.create(
            closing=closing, registration=registration, action=action, by=by
        )


@transaction.atomic
def record_presence(*, registration, half_day, method, by=None):
    """Record the registration present at the half-day, once: a second scan, a POST repeated
    after a timeout or a second code give back the first record (created False).

    Raises ListClosed when the list is countersigned and `by` may not change it. Also marks the
    person's confirmed mini-conference attended when it is part of the half-day."""
    closing = closing_of(half_day=half_day)
    if closing is not None and not may_change_closed(by):
        raise ListClosed(closing)
    record, created = Attendance.objects.get_or_create(
        registration=registration,
        day=half_day.day,
        period=half_day.period,
        defaults={"method": method, "recorded_by": by, "recorded_at": clock.now()},
    )
    if created:
        log_change(closing, registration, AttendanceLog.Action.ADDED, by)
        mark_mini_conference(registration, half_day, by)
    return record, created


def seat_in(registration, half_day):
    """The person's confirmed seat in a mini-conference of the half-day, or None."""
    return (
        Seat.objects.filter(
            registration=registration,
            status=Seat.Status.CONFIRMED,
            mini_conference__slot__in=[s.pk for s in half_day.sessions],
        )
        .select_related("mini_conference__slot", "mini_conference__venue")
        .first()
    )


def mark_mini_conference(registration, half_day, by):
    seat = seat_in(registration, half_day)
    if seat is None or seat.attended:
        return
    closing = closing_of(mini_conference=seat.mini_conference)
    if closing is not None and not may_change_closed(by):
        return  # The half-day is recorded; the closed mini-conference list stays as signed.
    Seat.objects.filter(pk=seat.pk).update(attended=True)
    log_change(closing, registration, AttendanceLog.Action.ADDED, by)


@transaction.atomic
def close_list(*, by, half_day=None, mini_conference=None):
    """Countersign a list, once: closing it again keeps the first signature."""
    where = (
        {"mini_conference": mini_conference}
        if mini_conference is not None
        else {"day": half_day.day, "period": half_day.period, "mini_conference": None}
    )
    name = by.get_full_name() or by.get_username()
    closing, _created = ListClosing.objects.get_or_create(
        **where, defaults={"closed_by": by, "closed_by_name": name, "closed_at": clock.now()}
    )
    return closing


def code_shown(half_day):
    return SignCodeDisplay.objects.filter(day=half_day.day, period=half_day.period).exists()


def show_code(half_day, shown):
    """Turn the display of the half-day's code on the hall screens on or off."""
    if shown:
        SignCodeDisplay.objects.get_or_create(day=half_day.day, period=half_day.period)
    else:
        SignCodeDisplay.objects.filter(day=half_day.day, period=half_day.period).delete()

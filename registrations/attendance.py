"""Half-days of an edition, derived from its sessions, and the hours a participant attended.

Organisers record presence per half-day (from the signed sheets); the certificate states the
hours of each half-day attended. Both come from the programme, never from hard-coded times.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from programme.formats import NBSP, long_date, time_range
from programme.models import Session, SessionKind

from .models import Attendance, AttendanceLog, ListClosing, Seat

Period = Attendance.Period

# A session starting before this local hour belongs to the morning.
AFTERNOON_STARTS_AT = datetime.time(13, 0)

# French URL segments for the two periods.
PERIOD_SLUGS = {Period.MORNING: "matin", Period.AFTERNOON: "apres-midi"}
PERIODS_BY_SLUG = {slug: period for period, slug in PERIOD_SLUGS.items()}


def period_of(start):
    local = timezone.localtime(start)
    return Period.MORNING if local.time() < AFTERNOON_STARTS_AT else Period.AFTERNOON


@dataclass
class HalfDay:
    day: object
    period: str
    sessions: list = field(default_factory=list)

    @property
    def start(self):
        return min(s.start for s in self.sessions)

    @property
    def end(self):
        return max(s.end or s.start for s in self.sessions)

    @property
    def duration(self):
        return self.end - self.start

    @property
    def slug(self):
        return PERIOD_SLUGS[self.period]

    @property
    def key(self):
        return (self.day.pk, self.period)

    def get_period_display(self):
        return Period(self.period).label

    def duration_text(self):
        return format_duration(self.duration)

    def hours(self):
        """« 9 h – 12 h 30 »."""
        return time_range(self.start, self.end)

    def __str__(self):
        """« mardi 11 juillet 2017, matin »."""
        return f"{long_date(self.day.date)}, {self.get_period_display().lower()}"


def half_days(edition):
    """The half-days of the edition that hold at least one training session, in order; each
    runs from its first training session to its last (SessionKind.training); a cancelled
    session did not take place, and counts for nothing."""
    sessions = (
        Session.objects.of_edition(edition)
        .filter(kind__in=SessionKind.training(), is_cancelled=False)
        .select_related("day")
        .order_by("start", "pk")
    )
    by_key = {}
    for session in sessions:
        period = period_of(session.start)
        # Sorting on (date, is afternoon) puts the morning first.
        key = (session.day.date, period == Period.AFTERNOON)
        by_key.setdefault(key, HalfDay(day=session.day, period=period)).sessions.append(session)
    return [by_key[key] for key in sorted(by_key)]


def find_half_day(edition, date, period):
    """The half-day on that date and period, or None if the programme has no training then."""
    return next(
        (h for h in half_days(edition) if h.day.date == date and h.period == period),
        None,
    )


def attended_half_days(registration):
    """The half-days of the registration's edition at which organisers recorded it present."""
    recorded = set(registration.attendances.values_list("day_id", "period"))
    return [h for h in half_days(registration.edition) if h.key in recorded]


def total_duration(items):
    return sum((h.duration for h in items), datetime.timedelta())


def format_duration(duration):
    """« 3 h 30 », « 17 h », « 45 min »."""
    minutes = int(duration.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return gettext("%(minutes)d min") % {"minutes": minutes}
    if not minutes:
        text = gettext("%(hours)d h") % {"hours": hours}
    else:
        text = gettext("%(hours)d h %(minutes)02d") % {"hours": hours, "minutes": minutes}
    # Non-breaking, in every language: a duration never splits across two lines.
    return text.replace(" ", NBSP)


def recorded_present(*, half_day):
    """Primary keys of the registrations already recorded present at that half-day."""
    return list(
        Attendance.objects.filter(day=half_day.day, period=half_day.period).values_list(
            "registration_id", flat=True
        )
    )


@transaction.atomic
def record_half_day(*, half_day, registrations, present, by=None):
    """Make the Attendance rows of `registrations` for the half-day match `present`.

    Side effects: deletes the rows of those no longer ticked, creates the missing ones (typed
    from the sheet, by `by`). Rows of registrations outside `registrations` (cancelled since)
    are left alone. On a closed list, each change is logged."""
    at_half_day = Attendance.objects.filter(day=half_day.day, period=half_day.period)
    removed = at_half_day.filter(registration__in=registrations).exclude(registration__in=present)
    removed_ids = list(removed.values_list("registration_id", flat=True))
    removed.delete()
    already = set(at_half_day.values_list("registration_id", flat=True))
    added = [r for r in present if r.pk not in already]
    Attendance.objects.bulk_create(
        Attendance(
            registration=r,
            day=half_day.day,
            period=half_day.period,
            method=Attendance.Method.SHEET,
            recorded_by=by,
        )
        for r in added
    )
    closing = ListClosing.objects.filter(
        day=half_day.day, period=half_day.period, mini_conference=None
    ).first()
    log_changes(closing, added=[r.pk for r in added], removed=removed_ids, by=by)


@transaction.atomic
def record_mini_conference(*, mini_conference, present, by=None):
    """Set Seat.attended for the confirmed seats of the mini-conference from `present`; on a
    closed list, each change is logged."""
    seats = Seat.objects.filter(mini_conference=mini_conference, status=Seat.Status.CONFIRMED)
    present_ids = {r.pk for r in present}
    was = dict(seats.values_list("registration_id", "attended"))
    seats.filter(registration__in=present).update(attended=True)
    seats.exclude(registration__in=present).update(attended=False)
    closing = ListClosing.objects.filter(mini_conference=mini_conference).first()
    log_changes(
        closing,
        added=[pk for pk, attended in was.items() if pk in present_ids and not attended],
        removed=[pk for pk, attended in was.items() if pk not in present_ids and attended],
        by=by,
    )


def log_changes(closing, *, added, removed, by):
    """Who changed what on a list once it was closed (nothing is logged before)."""
    if closing is None:
        return
    Action = AttendanceLog.Action
    AttendanceLog.objects.bulk_create(
        [
            AttendanceLog(closing=closing, registration_id=pk, action=Action.ADDED, by=by)
            for pk in added
        ]
        + [
            AttendanceLog(closing=closing, registration_id=pk, action=Action.REMOVED, by=by)
            for pk in removed
        ]
    )

"""« En ce moment », said as a hall announcement: what is on, and what comes next and when.

A slot of parallel mini-conferences is one line (« 9 mini-conférences en parallèle »), not nine;
what comes next says « demain » when the night lies between; a gap in the day is not called a
« pause » (the programme has its own breaks for that), and the day's end is said as such.
The phone page (/en-ce-moment/) and the hall screens (/ecran/, one venue or all) both say it
from here; a venue's screen keeps what happens in that venue.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from . import formats
from .schedule import sensible_end

BEFORE, DURING, AFTER = "before", "during", "after"


@dataclass
class Entry:
    """One line of the announcement: a session, with its parallel mini-conferences if any
    (in a venue's announcement, only those held in that venue)."""

    session: object
    venue: object = None

    @property
    def mini_conferences(self):
        parallel = self.session.parallel
        if self.venue is None or self.session.venue_id == self.venue.pk:
            return parallel
        return [mc for mc in parallel if mc.venue_id == self.venue.pk]


def held_in(session, venue):
    """Whether the session, or one of its parallel mini-conferences, takes place in the venue."""
    if session.venue_id == venue.pk:
        return True
    return any(mc.venue_id == venue.pk for mc in session.parallel)


def when(start, moment):
    """« à 14 h 30 », « demain à 8 h 30 », « le mercredi 12 juillet 2017 à 8 h 30 »."""
    start = timezone.localtime(start)
    days = (start.date() - timezone.localtime(moment).date()).days
    time = formats.short_time(start)
    if days <= 0:
        return _("à %(time)s") % {"time": time}
    if days == 1:
        return _("demain à %(time)s") % {"time": time}
    return _("le %(date)s à %(time)s") % {"date": formats.long_date(start), "time": time}


def state_of(sessions, moment):
    """Before, during or after the event (all its sessions, whatever the venue)."""
    if not any(moment < sensible_end(s) for s in sessions):
        return AFTER
    if moment < sessions[0].start:
        return BEFORE
    return DURING


def announcement(sessions, moment, venue=None):
    """The state of the event at this moment, what is on, and the next start with its sessions.

    sessions: the edition's sessions ordered by start; venue: only what happens there."""
    state = state_of(sessions, moment)
    first = sessions[0] if sessions else None
    if venue is not None:
        sessions = [s for s in sessions if held_in(s, venue)]
    current = [s for s in sessions if s.start <= moment < sensible_end(s)]
    upcoming = [s for s in sessions if s.start > moment]
    next_start = upcoming[0].start if upcoming else None
    today = timezone.localtime(moment).date()
    return {
        "state": state,
        "first": first,
        "opens_when": when(first.start, moment) if state == BEFORE else "",
        "current": [Entry(s, venue) for s in current],
        "following": [Entry(s, venue) for s in upcoming if s.start == next_start],
        "next_when": when(next_start, moment) if next_start else "",
        # Nothing more starts today: the day is over once what is on has ended.
        "day_over": next_start is None or timezone.localtime(next_start).date() > today,
    }

"""« En ce moment », said as a hall announcement: what is on, and what comes next and when.

A slot of parallel mini-conferences is one line (« 9 mini-conférences en parallèle »), not nine;
what comes next says « demain » when the night lies between; a gap in the day is not called a
« pause » (the programme has its own breaks for that), and the day's end is said as such.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from . import formats
from .schedule import sensible_end

BEFORE, DURING, AFTER = "before", "during", "after"


@dataclass
class Entry:
    """One line of the announcement: a session, with its parallel mini-conferences if any."""

    session: object

    @property
    def mini_conferences(self):
        return self.session.parallel


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


def announcement(sessions, moment):
    """The state of the event at this moment, what is on, and the next start with its sessions.

    sessions: the edition's sessions ordered by start."""
    current = [s for s in sessions if s.start <= moment < sensible_end(s)]
    upcoming = [s for s in sessions if s.start > moment]
    next_start = upcoming[0].start if upcoming else None
    if not upcoming and not current:
        state = AFTER
    elif sessions and moment < sessions[0].start:
        state = BEFORE
    else:
        state = DURING
    today = timezone.localtime(moment).date()
    return {
        "state": state,
        "first": sessions[0] if sessions else None,
        "current": [Entry(s) for s in current],
        "following": [Entry(s) for s in upcoming if s.start == next_start],
        "next_when": when(next_start, moment) if next_start else "",
        # Nothing more starts today: the day is over once what is on has ended.
        "day_over": next_start is None or timezone.localtime(next_start).date() > today,
    }

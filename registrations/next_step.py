"""« Prochaine étape »: what the personal page answers first — where do I go next?

Built from the personal programme (personal_programme.personal_items, the single builder of a
participant's programme), so the page, the printable programme and the .ics never disagree.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from programme import clock
from programme.formats import short_time, weekday_and_month

BEFORE, DURING, AFTER = "before", "during", "after"


@dataclass(frozen=True)
class NextStep:
    phase: str  # BEFORE, DURING or AFTER the participant's programme
    current: object = None  # the PersonalItem under way, during the event
    upcoming: object = None  # the next PersonalItem to start

    @property
    def when(self):
        return when(self.upcoming.start) if self.upcoming else ""


def next_step(items, *, now=None):
    """The participant's phase, with the item under way and the next one to start."""
    now = now or clock.now()
    upcoming = next((item for item in items if item.start > now), None)
    current = next((item for item in items if item.start <= now < _end(item)), None)
    if not items or (upcoming is None and current is None):
        return NextStep(phase=AFTER if items else BEFORE)
    phase = BEFORE if items[0].start > now else DURING
    return NextStep(phase=phase, current=current, upcoming=upcoming)


def _end(item):
    # A session with an open end (« à partir de 19 h 30 ») is under way until it starts another.
    return item.end or item.start


def when(moment, *, now=None):
    """« aujourd’hui à 14 h 30 », « demain à 9 h », « le mardi 4 juillet à 9 h »."""
    today = timezone.localdate(now or clock.now())
    day = timezone.localtime(moment).date()
    time = short_time(moment)
    if day == today:
        return _("aujourd’hui à %(time)s") % {"time": time}
    if (day - today).days == 1:
        return _("demain à %(time)s") % {"time": time}
    return _("le %(date)s à %(time)s") % {"date": weekday_and_month(day), "time": time}

"""One neutral description of the programme, shared by every export (iCalendar, frab XML/JSON,
JSON-LD), so that all formats always say the same thing."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SessionKind

# A fixed namespace: the same session keeps the same GUID/UID in every export, forever.
GUID_NAMESPACE = uuid.UUID("6f1c1e1a-7d55-4c1b-9f43-2b0d8a4c1e17")
# An open end (« à partir de 19 h 30 ») still needs an end in calendars: a sensible length.
OPEN_END_DURATION = {SessionKind.MEAL: datetime.timedelta(hours=2)}
DEFAULT_OPEN_END_DURATION = datetime.timedelta(hours=1)
# Mini-conferences share their slot's ids space in frab: keep their ids apart from sessions'.
MINI_CONFERENCE_ID_OFFSET = 1_000_000


@dataclass
class Item:
    """One thing on the schedule: a session, or a mini-conference inside its slot."""

    key: str
    number: int
    title: str
    kind: str
    kind_label: str
    start: datetime.datetime
    end: datetime.datetime
    open_end: bool
    description: str
    venue_name: str
    venue_address: str
    path: str
    persons: list = field(default_factory=list)
    # For calendars: raised at each change of time, place or title (SEQUENCE), the last such
    # change (LAST-MODIFIED), and cancellation (STATUS:CANCELLED).
    sequence: int = 0
    last_modified: datetime.datetime | None = None
    cancelled: bool = False

    @property
    def guid(self):
        return str(uuid.uuid5(GUID_NAMESPACE, self.key))

    @property
    def duration(self):
        return self.end - self.start

    @property
    def full_description(self):
        if not self.open_end:
            return self.description
        note = _("Heure de fin non précisée par le programme : fin indiquée à titre indicatif.")
        return f"{self.description}\n\n{note}".strip()


def sensible_end(session):
    if session.end is not None:
        return session.end
    return session.start + OPEN_END_DURATION.get(session.kind, DEFAULT_OPEN_END_DURATION)


def _venue(venue):
    return (venue.name, venue.address) if venue else (_("Lieu précisé sur place"), "")


def session_item(session):
    name, address = _venue(session.venue)
    return Item(
        key=f"session:{session.pk}",
        number=session.pk,
        title=session.title,
        kind=session.kind,
        kind_label=session.kind_label,
        start=timezone.localtime(session.start),
        end=timezone.localtime(sensible_end(session)),
        open_end=session.end is None,
        description=session.description,
        venue_name=name,
        venue_address=address,
        path=session.get_absolute_url(),
        persons=[str(p) for p in session.speaker_list],
        sequence=session.sequence,
        last_modified=session.changed_at,
        cancelled=session.is_cancelled,
    )


def mini_conference_item(mc, slot):
    name, address = _venue(mc.venue or slot.venue)
    return Item(
        key=f"mini-conference:{mc.pk}",
        number=MINI_CONFERENCE_ID_OFFSET + mc.pk,
        title=str(mc),
        kind=SessionKind.MINI_CONFERENCES,
        kind_label=str(SessionKind.MINI_CONFERENCES.label),
        start=timezone.localtime(slot.start),
        end=timezone.localtime(sensible_end(slot)),
        open_end=slot.end is None,
        description=mc.description or slot.description,
        venue_name=name,
        venue_address=address,
        path=mc.get_absolute_url(),
        persons=[str(p) for p in mc.speaker_list],
        # Its time is its slot's: a moved slot moves it too. Both only ever rise.
        sequence=mc.sequence + slot.sequence,
        last_modified=max((t for t in (mc.changed_at, slot.changed_at) if t), default=None),
        cancelled=mc.is_cancelled or slot.is_cancelled,
    )


def items_of(session):
    """A mini-conference slot is shown as its parallel mini-conferences; other sessions as such."""
    mini_conferences = session.parallel
    if mini_conferences:
        return [mini_conference_item(mc, session) for mc in mini_conferences]
    return [session_item(session)]


def schedule_items(sessions):
    return [item for session in sessions for item in items_of(session)]

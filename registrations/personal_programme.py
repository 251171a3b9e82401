"""A participant's own programme, built once for the printable page and the personal .ics.

It holds the common sessions, the participant's mini-conference (or their place on its waiting
list), the meals they chose, and the notes other apps add to some sessions (their teams, once
published). A mini-conference slot where the participant has no seat is left out, like a meal
they did not choose: the programme lists what they attend, and the public one lists the rest.

Who adds notes: teams depends on registrations (its teams are made of registrations), so
registrations must not depend on teams in return. Rather than reaching into teams, the builder
takes the notes as an argument; `notes_for()` asks the sources that apps hand over from their
AppConfig.ready() (teams does, see teams/apps.py). The views showing it stay here, with the
other pages behind the personal link (registrations:…), so no view knowing both apps could
compose them; and registrations still works, without notes, with no such app installed.
"""

from dataclasses import dataclass, replace
from itertools import groupby

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from programme import ics
from programme.models import MiniConference, ProgrammeChange, Session, SessionKind
from programme.schedule import mini_conference_item, session_item

from .models import Seat

# Callables registration -> {session kind: note}, from the apps that add notes.
_note_sources = []


def add_note_source(source):
    """Let another app add notes to the sessions of every personal programme."""
    if source not in _note_sources:
        _note_sources.append(source)


def notes_for(registration):
    """Session kind -> the notes every source has for this participant, in source order."""
    notes = {}
    for source in _note_sources:
        for kind, note in source(registration).items():
            notes.setdefault(kind, []).append(note)
    return notes


def waiting_note():
    return _("en liste d’attente")


@dataclass(frozen=True)
class PersonalItem:
    """One thing the participant attends: a session, or their mini-conference in its slot."""

    session: Session
    mini_conference: MiniConference | None = None
    waiting: bool = False
    notes: tuple = ()

    @property
    def day(self):
        return self.session.day

    @property
    def start(self):
        return self.session.start

    @property
    def end(self):
        return self.session.end

    @property
    def title(self):
        return str(self.mini_conference) if self.mini_conference else self.session.title

    @property
    def venue(self):
        mini_conference_venue = self.mini_conference and self.mini_conference.venue
        return mini_conference_venue or self.session.venue

    @property
    def kind_label(self):
        return self.session.kind_label

    @property
    def revisits_intention(self):
        """Whether the programme asks to come back to one's learning intention there."""
        return self.session.revisits_intention

    @property
    def waiting_note(self):
        return waiting_note() if self.waiting else ""


def personal_items(registration, *, notes):
    """What the participant attends, in programme order.

    notes: session kind -> list of texts to show with every session of that kind.
    """
    # Recent changes too, for the « modifié le … » marks (see programme_tags.change_mark).
    recent = ProgrammeChange.objects.recent()
    seat = Seat.objects.filter(registration=registration).select_related("mini_conference__venue")
    seat = seat.prefetch_related(
        "mini_conference__speakers",
        Prefetch("mini_conference__changes", recent, to_attr="recent_changes"),
    ).first()
    meals = set(registration.meals.values_list("pk", flat=True))
    sessions = (
        Session.objects.of_edition(registration.edition)
        .select_related("day", "venue")
        .prefetch_related("speakers", Prefetch("changes", recent, to_attr="recent_changes"))
        .order_by("day__date", "start", "pk")
    )
    return [item for session in sessions if (item := _item(session, seat, meals, notes))]


def _item(session, seat, meals, notes):
    item = PersonalItem(session=session, notes=tuple(notes.get(session.kind, ())))
    if session.kind == SessionKind.MEAL:
        return item if session.pk in meals else None
    if session.kind == SessionKind.MINI_CONFERENCES:
        if seat is None or seat.mini_conference.slot_id != session.pk:
            return None
        waiting = seat.status == Seat.Status.WAITING
        return replace(item, mini_conference=seat.mini_conference, waiting=waiting)
    return item


def by_day(items):
    """Pairs (day, its items), for the printable page."""
    return [(day, list(group)) for day, group in groupby(items, key=lambda item: item.day)]


def calendar_item(item, registration):
    """The personal item as the exports describe it, with its own UID."""
    if item.mini_conference is not None:
        entry = mini_conference_item(item.mini_conference, item.session)
    else:
        entry = session_item(item.session)
    if item.waiting:
        entry = replace(entry, title=f"{entry.title} ({item.waiting_note})")
    if item.notes:
        notes = "\n".join(item.notes)
        entry = replace(entry, description=f"{notes}\n\n{entry.description}".strip())
    # Its own UIDs: a personal calendar must not collide with the public one in a client.
    return replace(entry, key=f"{entry.key}:registration:{registration.pk}")


def ics_calendar(registration, items, *, base_url):
    """The .ics of the personal items."""
    name = _("Mon programme — %(title)s") % {"title": registration.edition.title}
    entries = [calendar_item(item, registration) for item in items]
    return ics.calendar(entries, name=name, base_url=base_url)

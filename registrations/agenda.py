"""A participant's own programme: the common sessions, their mini-conference, their meals."""

from dataclasses import dataclass, replace
from itertools import groupby

from django.utils.translation import gettext as _

from programme.models import Session, SessionKind

from .models import Seat


@dataclass(frozen=True)
class AgendaItem:
    day: object
    start: object
    end: object
    title: str
    venue: object
    kind_label: str
    note: str = ""


def personal_agenda(registration):
    """Pairs (day, items) in time order, ready for the printable page (and later an .ics)."""
    seat = Seat.objects.filter(registration=registration).select_related("mini_conference__venue")
    seat = seat.first()
    meals = set(registration.meals.values_list("pk", flat=True))
    sessions = (
        Session.objects.of_edition(registration.edition)
        .select_related("day", "venue")
        .order_by("day__date", "start", "pk")
    )
    items = [item for session in sessions if (item := _item(session, seat, meals))]
    return [(day, list(group)) for day, group in groupby(items, key=lambda item: item.day)]


def _item(session, seat, meals):
    if session.kind == SessionKind.MEAL and session.pk not in meals:
        return None
    item = AgendaItem(
        day=session.day,
        start=session.start,
        end=session.end,
        title=session.title,
        venue=session.venue,
        kind_label=session.kind_label,
    )
    if (
        session.kind == SessionKind.MINI_CONFERENCES
        and seat
        and seat.mini_conference.slot_id == session.pk
    ):
        item = _with_mini_conference(item, seat)
    return item


def _with_mini_conference(item, seat):
    mini_conference = seat.mini_conference
    note = _("en liste d'attente") if seat.status == Seat.Status.WAITING else ""
    return replace(
        item, title=str(mini_conference), venue=mini_conference.venue or item.venue, note=note
    )

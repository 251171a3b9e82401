"""The participant's own calendar (iCalendar), behind their personal link: the sessions they
attend, their mini-conference, the meals they chose, and their teams once published."""

from dataclasses import replace

from django.utils.translation import gettext as _

from programme import ics
from programme.models import Session, SessionKind
from programme.schedule import mini_conference_item, session_item
from teams.services import SESSION_KINDS, published_memberships

from .models import Seat


def team_notes(registration):
    """Session kind → « Votre équipe : … », for the teams published for this participant."""
    return {
        SESSION_KINDS[m.allocation.kind]: _("Votre équipe : %(team)s") % {"team": m.team}
        for m in published_memberships(registration)
    }


def personal_items(registration):
    seat = Seat.objects.filter(registration=registration)
    seat = (
        seat.select_related("mini_conference__venue")
        .prefetch_related("mini_conference__speakers")
        .first()
    )
    meals = set(registration.meals.values_list("pk", flat=True))
    notes = team_notes(registration)
    sessions = Session.objects.of_edition(registration.edition).select_related("day", "venue")
    items = []
    for session in sessions.prefetch_related("speakers").order_by("start", "pk"):
        if session.kind == SessionKind.MEAL and session.pk not in meals:
            continue
        if session.kind == SessionKind.MINI_CONFERENCES:
            if seat is None or seat.mini_conference.slot_id != session.pk:
                continue
            item = mini_conference_item(seat.mini_conference, session)
            if seat.status == Seat.Status.WAITING:
                item = replace(item, title=f"{item.title} ({_('en liste d’attente')})")
        else:
            item = session_item(session)
        if session.kind in notes:
            item = replace(item, description=f"{notes[session.kind]}\n\n{item.description}".strip())
        # Its own UIDs: a personal calendar must not collide with the public one in a client.
        items.append(replace(item, key=f"{item.key}:registration:{registration.pk}"))
    return items


def personal_calendar(registration, *, base_url):
    name = _("Mon programme — %(title)s") % {"title": registration.edition.title}
    return ics.calendar(personal_items(registration), name=name, base_url=base_url)

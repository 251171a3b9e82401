"""The programme's rules, checked by each model's clean() so the admin shows them at the field.

Every check tolerates a half-built instance: an inline row whose parent is not saved yet, or a
field another check already rejected, must give a message, never an exception.
"""

import datetime

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import DateTimeField, F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .formats import long_date, time_range
from .models import MiniConference, Session, SessionKind

# The programme leaves some ends open (« à partir de 19 h 30 »): such a session still holds its
# venue at its start, so two of them cannot both begin at the same time in the same place.
OPEN_END_LENGTH = datetime.timedelta(minutes=1)
CHALLENGE_STEPS = range(1, 6)
LATITUDE_LIMIT = 90
LONGITUDE_LIMIT = 180


def related_or_none(instance, name):
    """The related object, or None while nothing is set yet (a new inline row, a blank field)."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def raise_errors(errors):
    if errors:
        raise ValidationError(errors)


def add_error(errors, field, message):
    errors.setdefault(field, []).append(message)


# Sessions


def occupied_until(session):
    return session.end or session.start + OPEN_END_LENGTH


def times_overlap(first, second):
    return first.start < occupied_until(second) and second.start < occupied_until(first)


def sessions_overlap(first, second):
    """Whether two sessions hold the same venue at the same time, parallel ones excepted."""
    if holds_nothing(first) or holds_nothing(second) or first.venue_id is None:
        return False
    return first.venue_id == second.venue_id and times_overlap(first, second)


def holds_nothing(session):
    """A session parallel by design shares its time and venue; a cancelled one frees them
    (another may take its place)."""
    return session.is_parallel or session.is_cancelled


def for_everyone(session):
    return session.kind in SessionKind.for_everyone() and not holds_nothing(session)


def sessions_clash(first, second):
    """Whether two sessions everyone attends take place at once on the same day, whatever
    their venues (an unknown venue included), parallel ones excepted."""
    return (
        for_everyone(first)
        and for_everyone(second)
        and first.day_id == second.day_id
        and times_overlap(first, second)
    )


def overlap_message(other):
    return _(
        "Ce lieu est déjà occupé par la séance « %(title)s » (%(times)s). Cochez « parallèle "
        "par conception » sur l'une des deux séances si ce chevauchement est voulu."
    ) % {"title": other.title, "times": time_range(other.start, other.end)}


def clash_message(other):
    # The spaces inside the guillemets are no-break spaces, typed as such: gettext's extractor
    # would keep an escape sequence as six plain characters and never find the translation.
    return _(
        "Au même moment, tout le monde est attendu à la séance « %(title)s » "
        "(%(times)s). Cochez « parallèle par conception » sur l’une des deux séances "
        "si ce chevauchement est voulu."
    ) % {"title": other.title, "times": time_range(other.start, other.end)}


def first_during(others, session):
    """The first of others that is held, even in part, during the session's time."""
    if session.pk is not None:
        others = others.exclude(pk=session.pk)
    until = Coalesce("end", F("start") + OPEN_END_LENGTH, output_field=DateTimeField())
    return (
        others.annotate(occupied_until=until)
        .filter(start__lt=occupied_until(session), occupied_until__gt=session.start)
        .order_by("start", "pk")
        .first()
    )


def overlapping_session(session):
    """The first other session holding the session's venue during its time, if any."""
    return first_during(
        Session.objects.filter(venue_id=session.venue_id, is_parallel=False, is_cancelled=False),
        session,
    )


def clashing_session(session):
    """The first other session everyone attends, held on the same day during its time."""
    others = Session.objects.filter(
        day_id=session.day_id,
        kind__in=SessionKind.for_everyone(),
        is_parallel=False,
        is_cancelled=False,
    )
    return first_during(others, session)


def local_date(moment):
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def check_session_times(session, errors):
    if session.start and session.end and session.end <= session.start:
        add_error(errors, "end", _("La fin doit être postérieure au début."))
    day = related_or_none(session, "day")
    if day is None or day.date is None:
        return
    message = _("La séance doit se dérouler le %(date)s, jour auquel elle est rattachée.") % {
        "date": long_date(day.date)
    }
    for field in ("start", "end"):
        moment = getattr(session, field)
        if moment is not None and local_date(moment) != day.date:
            add_error(errors, field, message)


def check_session_venue(session, errors):
    if holds_nothing(session) or session.venue_id is None or session.start is None:
        return
    if "start" in errors or "end" in errors:
        return  # Times already rejected: an overlap computed from them would only confuse.
    other = overlapping_session(session)
    if other is not None:
        add_error(errors, "venue", overlap_message(other))


def check_session_for_everyone(session, errors):
    if not for_everyone(session) or session.day_id is None or session.start is None:
        return  # A day not saved yet holds no other session to clash with.
    if errors.keys() & {"start", "end", "venue"}:
        return  # Times rejected, or an overlap already reported: its remedy is the same.
    other = clashing_session(session)
    if other is not None:
        add_error(errors, "start", clash_message(other))


def check_session_kind(session, errors):
    step = session.challenge_step
    if step is not None and session.kind != SessionKind.CHALLENGE_STEP:
        add_error(
            errors,
            "challenge_step",
            _("Le temps des défis ne s'applique qu'aux séances de type « %(kind)s ».")
            % {"kind": SessionKind.CHALLENGE_STEP.label},
        )
    elif step is not None and step not in CHALLENGE_STEPS:
        add_error(errors, "challenge_step", _("Le temps des défis va de 1 à 5."))
    if (
        session.pk is not None
        and session.kind != SessionKind.MINI_CONFERENCES
        and session.mini_conferences.exists()
    ):
        # Its mini-conferences would otherwise sit in a slot that is no longer one.
        add_error(
            errors,
            "kind",
            _(
                "Cette séance accueille des mini-conférences : elle doit rester "
                "de type « %(kind)s »."
            )
            % {"kind": SessionKind.MINI_CONFERENCES.label},
        )


def validate_session(session):
    errors = {}
    check_session_times(session, errors)
    check_session_venue(session, errors)
    check_session_for_everyone(session, errors)
    check_session_kind(session, errors)
    raise_errors(errors)


# Days and editions


def validate_day(day):
    edition = related_or_none(day, "edition")
    if edition is None or None in (day.date, edition.start_date, edition.end_date):
        return
    if not edition.start_date <= day.date <= edition.end_date:
        message = _(
            "La journée doit être comprise entre le %(start)s et le %(end)s, dates de l'édition."
        ) % {"start": long_date(edition.start_date), "end": long_date(edition.end_date)}
        raise ValidationError({"date": message})


def validate_edition(edition):
    errors = {}
    if edition.start_date and edition.end_date and edition.end_date < edition.start_date:
        add_error(errors, "end_date", _("Le dernier jour ne peut pas précéder le premier jour."))
    opens, closes = edition.registration_opens_at, edition.registration_closes_at
    if opens and closes and closes <= opens:
        add_error(
            errors,
            "registration_closes_at",
            _("La clôture des inscriptions doit venir après leur ouverture."),
        )
    raise_errors(errors)


# Mini-conferences


def slot_kind_message():
    return _("Le créneau doit être une séance de type « %(kind)s ».") % {
        "kind": SessionKind.MINI_CONFERENCES.label
    }


def room_taken_message(other):
    return _(
        "La salle « %(venue)s » accueille déjà la mini-conférence n° %(number)s « %(title)s » "
        "sur ce créneau."
    ) % {"venue": other.venue, "number": other.number, "title": other.title}


def validate_mini_conference(mini_conference):
    errors = {}
    slot = related_or_none(mini_conference, "slot")
    if slot is not None and slot.kind != SessionKind.MINI_CONFERENCES:
        add_error(errors, "slot", slot_kind_message())
    if slot is not None and slot.pk is not None and mini_conference.venue_id is not None:
        same_room = (
            MiniConference.objects.filter(slot=slot, venue_id=mini_conference.venue_id)
            .exclude(pk=mini_conference.pk)
            .select_related("venue")
            .first()
        )
        if same_room is not None:
            add_error(errors, "venue", room_taken_message(same_room))
    if mini_conference.capacity is not None and mini_conference.capacity < 1:
        add_error(errors, "capacity", _("Une mini-conférence offre au moins une place."))
    raise_errors(errors)


# Venues


def validate_venue(venue):
    errors = {}
    latitude, longitude = venue.latitude, venue.longitude
    if latitude is not None and not -LATITUDE_LIMIT <= latitude <= LATITUDE_LIMIT:
        add_error(errors, "latitude", _("La latitude doit être comprise entre −90 et 90."))
    if longitude is not None and not -LONGITUDE_LIMIT <= longitude <= LONGITUDE_LIMIT:
        add_error(errors, "longitude", _("La longitude doit être comprise entre −180 et 180."))
    if latitude is not None and longitude is None:
        add_error(errors, "longitude", _("Indiquez aussi la longitude, ou retirez la latitude."))
    if longitude is not None and latitude is None:
        add_error(errors, "latitude", _("Indiquez aussi la latitude, ou retirez la longitude."))
    raise_errors(errors)

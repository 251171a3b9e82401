"""Prepare an edition from another: the same programme on new dates, with nobody in it.

What is copied, into the new edition: every plain field of the edition (whatever fields are
added to it later), its partner organisations and their roles, its days with their notes, the
sessions of each day with their times, types and venues, the mini-conferences of each slot
(titles, rooms, number of places), the challenge themes and types, the challenges themselves
(the défis and their questions), and the call for proposals' texts.

What is not: registrations, seats and waiting lists, attendance, teams and their allocations,
proposals and their reviews, change notices and the changes log, and every link to a person
(the speakers of sessions and mini-conferences, the owners of challenges): next year's people
sign up, propose and are invited anew. Sessions and mini-conferences cancelled in the source
are left out, recordings' links too (they belong to the talks that were given).

Venues and organisations are shared by every edition (they have no edition): the copy uses
the same ones. Session types are a fixed list of the site, so there is nothing to copy.

Every date moves by the same number of days as the first day; times keep their wall-clock
time in the site's time zone, across a change to or from summer time (« 14 h 30 » stays
« 14 h 30 »). The copy starts unpublished with registration closed (no opening date): the
changes log, which only follows published editions, starts empty, and nobody sees the copy
before the organisers publish it.
"""

import datetime

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .formats import long_date
from .models import Challenge, Edition, MiniConference, Session

# Reset on the copy rather than copied: registration is opened by the organisers, when ready.
EDITION_RESET = {
    "is_published": False,
    "registration_opens_at": None,
    "registration_closes_at": None,
}
# The code of the error that the new dates are another edition's: the form shows it at the date.
DATES_TAKEN = "dates-taken"
# What calendars were told of the source's items: the copies are new items.
TRACKING_RESET = {"sequence": 0, "changed_at": None}
# The parts of an edition that apps built on this one keep (the evaluations' questionnaire):
# callables (source, copy, days) they hand over from their AppConfig.ready(), since this app
# may not import them.
_also_copied = []


def also_copy(copier):
    """Have copy_edition call copier(source, copy, days) too, in its transaction."""
    if copier not in _also_copied:
        _also_copied.append(copier)


def shift_moment(moment, days):
    """The same wall-clock time in the site's time zone, `days` days later."""
    zone = timezone.get_default_timezone()
    local = timezone.localtime(moment, zone).replace(tzinfo=None)
    return timezone.make_aware(local + datetime.timedelta(days=days), zone)


def shifted(value, days):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return shift_moment(value, days)
    return value + datetime.timedelta(days=days)


def clone(source, days, **changes):
    """An unsaved copy of source: every concrete field but the key, dates and times moved by
    `days` days, then `changes` applied. Generic, so fields added later are copied too."""
    copy = type(source)()
    for field in source._meta.concrete_fields:
        if field.primary_key:
            continue
        value = getattr(source, field.attname)
        if isinstance(field, models.DateField):  # DateTimeField is a DateField too
            value = shifted(value, days)
        setattr(copy, field.attname, value)
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def checked_save(obj):
    """Save obj if it passes the programme's rules; else stop the whole copy with a message
    that names the object, since the form's fields mean nothing for an object never shown."""
    try:
        obj.full_clean()
    except ValidationError as error:
        messages = " ".join(m for ms in error.message_dict.values() for m in ms)
        raise ValidationError(
            _("La copie n’a pas été faite : %(object)s — %(messages)s")
            % {"object": described(obj), "messages": messages}
        ) from error
    obj.save()
    return obj


def described(obj):
    if isinstance(obj, Session):
        return _("séance « %(title)s » du %(date)s") % {
            "title": obj.title,
            "date": long_date(timezone.localdate(obj.start)),
        }
    return f"{obj._meta.verbose_name} « {obj} »"


def check_dates_free(start, end):
    """Venues are shared: on another edition's dates, they are already taken. Said at once,
    rather than through the first session found in the same room."""
    other = Edition.objects.filter(start_date__lte=end, end_date__gte=start).first()
    if other is not None:
        raise ValidationError(
            _(
                "Du %(start)s au %(end)s, la copie tomberait pendant l’édition « %(other)s » "
                "(du %(other_start)s au %(other_end)s), qui occupe déjà les lieux : "
                "choisissez un autre premier jour."
            )
            % {
                "start": long_date(start),
                "end": long_date(end),
                "other": other.title,
                "other_start": long_date(other.start_date),
                "other_end": long_date(other.end_date),
            },
            code=DATES_TAKEN,
        )


def free_slug(wanted):
    slug, suffix = wanted, 2
    while Edition.objects.filter(slug=slug).exists():
        slug, suffix = f"{wanted}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def copy_edition(edition, *, first_day, name=None, slug=None, number=None):
    """A new edition from `edition`, its first day on `first_day` (see the module's docstring
    for what is copied), numbered `number` (by default the next number). Side effects:
    creates the edition and its programme, in one transaction; raises ValidationError, and
    then nothing is created, if the dates are another edition's or any copied object breaks
    the programme's rules."""
    days = (first_day - edition.start_date).days
    check_dates_free(first_day, edition.end_date + datetime.timedelta(days=days))
    copy = checked_save(
        clone(
            edition,
            days,
            **EDITION_RESET,
            number=edition.number + 1 if number is None else number,
            title=name or edition.title,
            slug=free_slug(slug or str(first_day.year)),
        )
    )
    for partnership in edition.partnerships.all():
        checked_save(clone(partnership, days, edition=copy))
    copy_call(edition, copy, days)
    copy_challenges(edition, copy, days)
    for day in edition.days.order_by("date"):
        copy_day(day, checked_save(clone(day, days, edition=copy)), days)
    for copier in _also_copied:
        copier(edition, copy, days)
    return copy


def copy_day(day, new_day, days):
    sessions = day.sessions.filter(is_cancelled=False).order_by("start", "pk")
    for session in sessions.prefetch_related("mini_conferences"):
        new = checked_save(clone(session, days, **TRACKING_RESET, day=new_day))
        for mini_conference in session.mini_conferences.all():
            if mini_conference.is_cancelled:
                continue
            checked_save(clone(mini_conference, days, **TRACKING_RESET, slot=new, recording_url=""))


def copy_challenges(edition, copy, days):
    themes = {
        theme.pk: checked_save(clone(theme, days, edition=copy))
        for theme in edition.challenge_themes.all()
    }
    types = {
        kind.pk: checked_save(clone(kind, days, edition=copy))
        for kind in edition.challenge_types.all()
    }
    for challenge in Challenge.objects.of_edition(edition).order_by("pk"):
        checked_save(
            clone(
                challenge,
                days,
                edition=copy,
                theme=themes[challenge.theme_id],
                challenge_type=types[challenge.challenge_type_id],
                owner=None,
            )
        )


def copy_call(edition, copy, days):
    # Through the reverse accessor: the call lives in the proposals app, which builds on this one.
    try:
        call = edition.call
    except ObjectDoesNotExist:
        return
    checked_save(clone(call, days, edition=copy))


def programme_counts(edition):
    """What a copy holds, for the messages that report it."""
    return {
        "days": edition.days.count(),
        "sessions": Session.objects.of_edition(edition).count(),
        "mini_conferences": MiniConference.objects.of_edition(edition).count(),
        "challenges": Challenge.objects.of_edition(edition).count(),
    }

"""What a person evaluates and when, and recording their answers without saying who gave them.

The sessions come from the person's own programme (registrations.personal_programme, the one
builder of it): their mini-conference and not another, the challenge work, the plenaries and
the learning-team times. Coffee, breaks and meals are not sessions one evaluates: the meals
are asked about once, among the whole-event questions.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from programme import clock
from programme.copying import checked_save, clone
from programme.models import SessionKind
from registrations.personal_programme import PersonalItem, personal_items

from .defaults import create_defaults
from .models import Answer, Question, Response


class AlreadyAnswered(Exception):
    """The person has already answered for this session (or the whole event)."""


def give_default_questions(sender, instance, created, **kwargs):
    """post_save of Edition: a new edition gets the default questionnaire, one loaded from
    fixtures too (the programme's fixtures hold no questions)."""
    if created and not Question.objects.of_edition(instance).exists():
        create_defaults(Question, instance)


def copy_questions(edition, copy, days):
    """The copy of an edition asks what its source asked (replacing the defaults it got)."""
    Question.objects.of_edition(copy).delete()
    for question in Question.objects.of_edition(edition).order_by("pk"):
        checked_save(clone(question, days, edition=copy))


def opens_at(session):
    """A session may be evaluated from a few minutes before its end (or its start, if the
    programme gives no end)."""
    before = datetime.timedelta(minutes=settings.EVALUATION_OPENS_MINUTES_BEFORE_END)
    return (session.end or session.start) - before


def closes_at(edition):
    """The questionnaire closes at midnight, so many days after the last day."""
    last = edition.end_date + datetime.timedelta(days=settings.EVALUATION_CLOSES_DAYS_AFTER + 1)
    return timezone.make_aware(datetime.datetime.combine(last, datetime.time()))


def is_closed(edition, now=None):
    return (now or clock.now()) >= closes_at(edition)


def evaluable(item):
    session = item.session
    return (
        session.kind in SessionKind.for_everyone()
        and not session.is_cancelled
        and not item.waiting
        and not (item.mini_conference and item.mini_conference.is_cancelled)
    )


def evaluable_items(registration):
    """The sessions this person was expected at, in programme order."""
    return [item for item in personal_items(registration, notes={}) if evaluable(item)]


@dataclass(frozen=True)
class Entry:
    """A session (or the whole event, item None) as the personal page shows it."""

    item: PersonalItem | None
    opens_at: datetime.datetime
    done: bool
    follow_up: bool = False  # the « à froid » questionnaire, weeks later (follow_up.py)

    @property
    def key(self):
        if self.follow_up:
            return "froid"
        return f"s{self.item.session.pk}" if self.item else "event"

    def is_open(self, now):
        return not self.done and self.opens_at <= now


def entries(registration):
    """Every session to evaluate, then the whole event (open once the last session is)."""
    items = evaluable_items(registration)
    responses = Response.objects.filter(registration=registration, follow_up=False)
    answered = set(responses.values_list("session_id", flat=True))
    found = [Entry(item, opens_at(item.session), item.session.pk in answered) for item in items]
    if items:
        last = max(entry.opens_at for entry in found)
        found.append(Entry(None, last, None in answered))
    return found


def overview(registration, now=None):
    """What the personal page says: open, done, still to come, and whether it has closed."""
    now = now or clock.now()
    found = entries(registration)
    closed = is_closed(registration.edition, now)
    return {
        "open": [] if closed else [entry for entry in found if entry.is_open(now)],
        "done": [entry for entry in found if entry.done],
        "upcoming": [entry for entry in found if not entry.done and entry.opens_at > now],
        "closed": closed,
        "closes_at": closes_at(registration.edition),
    }


def record(*, registration, entry, answers, absent=False):
    """Record one person's answers for one entry. `answers`: [(question, value, text)].

    Side effects, in one transaction: a Response (that this registration answered, for this
    session or the whole event) and one anonymous Answer per question answered, which names
    neither the person nor the time. Raises AlreadyAnswered if they already had, and then
    nothing is written."""
    session = entry.item.session if entry.item else None
    mini_conference = entry.item.mini_conference if entry.item else None
    try:
        with transaction.atomic():
            Response.objects.create(
                registration=registration,
                session=session,
                absent=absent,
                follow_up=entry.follow_up,
            )
            if not absent:
                Answer.objects.bulk_create(
                    Answer(
                        question=question,
                        session=session,
                        mini_conference=mini_conference,
                        value=value,
                        text=text,
                    )
                    for question, value, text in answers
                )
    except IntegrityError as error:
        raise AlreadyAnswered from error

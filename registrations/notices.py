"""Change notices: when the published programme changes, each participant whose own
programme holds a changed item receives one email listing the changes that concern them.

Changes are gathered in rounds (NoticeRound): a round is sent once the programme has been
quiet for settings.NOTICE_QUIET_MINUTES (a plenary moved twice in ten minutes is one email,
with both changes), unless organisers hold it or send it at once from the organisers' space.
The mail worker sends the rounds that are due (`send_due_rounds`); nobody else sends them.

Who is concerned: everyone for the sessions all attend (plenaries, challenge work, learning
teams…), those who chose a meal for that meal, those holding a seat (or waiting) for a
mini-conference or its slot. For an item removed, who held it just before the deletion
(`remember_audience`, connected in apps.py, is called before the row and its links go).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from programme import clock
from programme.models import Edition, ProgrammeChange, SessionKind

from . import emails
from .models import NoticeRound, Registration


def pending_changes(edition):
    """The changes of the edition that no sent round has carried yet, oldest first."""
    return (
        ProgrammeChange.objects.of_edition(edition)
        .filter(notice_rounds__isnull=True)
        .select_related("session", "mini_conference")
        .order_by("changed_at", "pk")
    )


def open_round(edition):
    """The round gathering the edition's changes now (made when first asked)."""
    return NoticeRound.objects.get_or_create(edition=edition, sent_at__isnull=True)[0]


def due_at(edition):
    """When the pending changes go if nothing else changes, or None when there are none."""
    latest = pending_changes(edition).aggregate(latest=Max("changed_at"))["latest"]
    return latest and latest + datetime.timedelta(minutes=settings.NOTICE_QUIET_MINUTES)


def holders(item, everyone):
    """The ids, among `everyone`, of the registrations whose programme holds the item."""
    people = Registration.objects.filter(pk__in=everyone)
    if hasattr(item, "slot"):  # a mini-conference: its seats, confirmed or waiting
        people = people.filter(seat__mini_conference=item)
    elif item.kind == SessionKind.MEAL:
        people = people.filter(meals=item)
    elif item.kind == SessionKind.MINI_CONFERENCES:
        people = people.filter(seat__mini_conference__slot=item)
    else:
        return everyone
    return set(people.values_list("pk", flat=True))


def audience(change, everyone):
    """The ids of the active registrations concerned by a change."""
    if change.audience is not None:
        return everyone & set(change.audience)
    return holders(change.item, everyone) if change.item is not None else set()


def active_ids(edition):
    return set(Registration.objects.of_edition(edition).active().values_list("pk", flat=True))


def digests(edition, changes):
    """{registration: [its changes]}, for the active registrations concerned by any."""
    everyone = active_ids(edition)
    concerned = {}
    for change in changes:
        for pk in audience(change, everyone):
            concerned.setdefault(pk, []).append(change)
    people = Registration.objects.filter(pk__in=concerned).select_related("edition")
    return {registration: concerned[registration.pk] for registration in people}


def send_round(notice_round):
    """Send a round now: one email per participant concerned. Returns how many went."""
    with transaction.atomic():
        notice_round = NoticeRound.objects.select_for_update().get(pk=notice_round.pk)
        if notice_round.sent_at is not None:
            return 0  # sent meanwhile (another worker, a double click)
        changes = list(pending_changes(notice_round.edition))
        for registration, theirs in digests(notice_round.edition, changes).items():
            emails.notice_message(registration, theirs).send()
            notice_round.recipients += 1
        notice_round.changes.set(changes)
        notice_round.sent_at = clock.now()
        notice_round.save(update_fields=["sent_at", "recipients"])
    return notice_round.recipients


def send_due_rounds():
    """Send the rounds whose changes have been quiet long enough, unless held."""
    sent = 0
    waiting = Edition.objects.filter(changes__notice_rounds__isnull=True).distinct()
    for edition in waiting:
        notice_round, moment = open_round(edition), due_at(edition)
        if not notice_round.held and moment is not None and moment <= clock.now():
            sent += send_round(notice_round)
    return sent


def remember_audience(sender, instance, **kwargs):
    """pre_delete of a session or a mini-conference: who holds it, for the notice."""
    from programme.changes import edition_of

    edition = edition_of(instance)
    if not edition.is_published:
        return
    instance.notice_audience = sorted(holders(instance, active_ids(edition)))

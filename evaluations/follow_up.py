"""« Mes prochains pas » and the « à froid » questionnaire.

On the last day, from its start until the questionnaire closes, a participant may write their
« prochains pas » (a private text of their registration) from the personal page. So many days
after the last day (settings.EVALUATION_FOLLOW_UP_DAYS, at 9 h, Paris time), the mail worker
sends once (FollowUpMailing) to everyone who attended an email, in their language: their
prochains pas when they wrote some, and the link to the short « à froid » questionnaire, open
from then for settings.EVALUATION_FOLLOW_UP_OPEN_DAYS days. Its answers are anonymous like the
others (services.record, with an Entry marked follow_up).

Who attended: the registrations with a presence recorded, or with prochains pas (written on
the last day, on site). An edition whose presences were never entered sends to every active
registration rather than to nobody: the questionnaire is what the organisers need then.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from programme import clock
from programme.models import Edition
from registrations.emails import absolute_url, one_line
from registrations.models import Attendance, Registration

from .models import FollowUpMailing, Response
from .services import Entry, closes_at

SENT_AT = datetime.time(9)


def paris(day, time=datetime.time()):
    return timezone.make_aware(datetime.datetime.combine(day, time))


def next_steps_open(edition, now=None):
    """From the start of the last day until the questionnaire closes."""
    now = now or clock.now()
    return paris(edition.end_date) <= now < closes_at(edition)


def sent_at(edition):
    """When the follow-up goes, and the « à froid » questionnaire opens."""
    days = datetime.timedelta(days=settings.EVALUATION_FOLLOW_UP_DAYS)
    return paris(edition.end_date + days, SENT_AT)


def follow_up_closes_at(edition):
    return sent_at(edition) + datetime.timedelta(days=settings.EVALUATION_FOLLOW_UP_OPEN_DAYS)


def follow_up_open(edition, now=None):
    now = now or clock.now()
    return sent_at(edition) <= now < follow_up_closes_at(edition)


def entry(registration):
    """The « à froid » questionnaire as the form's one group."""
    done = Response.objects.filter(registration=registration, follow_up=True).exists()
    return Entry(None, sent_at(registration.edition), done, follow_up=True)


def recipients(edition):
    active = Registration.objects.active().of_edition(edition)
    if not Attendance.objects.filter(registration__edition=edition).exists():
        return active
    attended = Q(attendances__isnull=False) | ~Q(next_steps="")
    return active.filter(attended).distinct()


def follow_up_message(registration):
    context = {
        "registration": registration,
        "edition": registration.edition,
        "closes_at": follow_up_closes_at(registration.edition),
        "follow_up_url": absolute_url(
            reverse("evaluations:follow-up", kwargs={"token": registration.token})
        ),
    }
    with translation.override(registration.language):
        subject = render_to_string("evaluations/emails/follow_up_subject.txt", context)
        body = render_to_string("evaluations/emails/follow_up.txt", context)
    return EmailMessage(subject=one_line(subject), body=body, to=[registration.email])


@transaction.atomic
def send_follow_up(edition):
    """Side effects: the FollowUpMailing of `edition` (written first, so a second worker's pass
    stops at its unique key), one queued email per person who attended."""
    mailing = FollowUpMailing.objects.create(edition=edition)
    people = list(recipients(edition).order_by("pk"))
    for registration in people:
        follow_up_message(registration).send()
    mailing.recipients = len(people)
    mailing.save(update_fields=["recipients"])
    return len(people)


def send_due_follow_ups():
    now = clock.now()
    editions = Edition.objects.published().filter(evaluation_follow_up__isnull=True)
    for edition in editions:
        if follow_up_open(edition, now):
            send_follow_up(edition)

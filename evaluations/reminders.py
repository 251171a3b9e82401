"""The evening reminder: once a day's sessions have ended, each participant who still has
sessions to evaluate receives one email, in their language, through the email queue.

Sent once per day (DayReminder), by the mail worker at each pass (see apps.py).
"""

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from programme import clock
from programme.models import Day, Edition, SessionKind
from registrations.emails import absolute_url, one_line
from registrations.models import Registration

from .models import DayReminder
from .services import closes_at, overview


def day_ended(day, now):
    """Whether every session of the day that one evaluates is over (and it has any)."""
    sessions = day.sessions.filter(kind__in=SessionKind.for_everyone(), is_cancelled=False)
    ends = [session.end or session.start for session in sessions]
    return bool(ends) and max(ends) <= now


def due_days(now):
    days = Day.objects.filter(
        edition__in=Edition.objects.published(), evaluation_reminder__isnull=True
    ).select_related("edition")
    return [day for day in days if day_ended(day, now) and now < closes_at(day.edition)]


def reminder_message(registration, entries):
    context = {
        "registration": registration,
        "edition": registration.edition,
        "entries": entries,
        "evaluation_url": absolute_url(
            reverse("evaluations:evaluate", kwargs={"token": registration.token})
        ),
    }
    with translation.override(registration.language):
        subject = render_to_string("evaluations/emails/reminder_subject.txt", context)
        body = render_to_string("evaluations/emails/reminder.txt", context)
    return EmailMessage(subject=one_line(subject), body=body, to=[registration.email])


@transaction.atomic
def send_day_reminder(day, now):
    """Side effects: the DayReminder of `day` (written first, so a second worker's pass stops
    at its unique key), one queued email per participant with open evaluations."""
    reminder = DayReminder.objects.create(day=day)
    sent = 0
    for registration in Registration.objects.active().of_edition(day.edition):
        open_entries = overview(registration, now)["open"]
        if open_entries:
            reminder_message(registration, open_entries).send()
            sent += 1
    reminder.recipients = sent
    reminder.save(update_fields=["recipients"])
    return sent


def send_due_reminders():
    now = clock.now()
    for day in due_days(now):
        send_day_reminder(day, now)

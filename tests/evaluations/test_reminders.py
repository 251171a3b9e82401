import datetime

from django.core import mail

from evaluations import reminders
from evaluations.models import DayReminder, Response
from mailqueue import services as mailqueue
from programme.models import Session
from tests import factories
from tests.factories import paris


def reminders_sent():
    """The reminders in the outbox (the change notices of the programme being built go too)."""
    return [m for m in mail.outbox if "/evaluation/" in m.body]


def test_the_reminder_goes_once_the_days_sessions_have_ended_once(world, fixed_clock):
    monday_last = (
        Session.objects.filter(day__date=world.monday).exclude(kind="meal").order_by("-end").first()
    )
    factories.RegistrationFactory(edition=world.edition, language="en")

    fixed_clock(monday_last.end - datetime.timedelta(minutes=1))
    reminders.send_due_reminders()
    before = reminders_sent()
    fixed_clock(monday_last.end)
    reminders.send_due_reminders()
    reminders.send_due_reminders()

    assert before == []
    assert len(reminders_sent()) == 2
    assert DayReminder.objects.get().recipients == 2
    subjects = sorted(message.subject for message in reminders_sent())
    assert any("to evaluate" in subject for subject in subjects)
    assert any("à évaluer" in subject for subject in subjects)
    french = next(m for m in reminders_sent() if world.registration.email in m.to)
    assert f"/inscription/{world.registration.token}/evaluation/" in french.body


def test_nobody_who_has_answered_everything_is_reminded(world, fixed_clock):
    fixed_clock(paris(world.monday, 23))
    for entry in reminders.overview(world.registration)["open"]:
        Response.objects.create(
            registration=world.registration, session=entry.item and entry.item.session
        )

    reminders.send_due_reminders()

    assert reminders_sent() == []
    assert DayReminder.objects.count() == 1


def test_the_mail_worker_runs_the_reminders_at_each_pass():
    # send_due() itself closes the test's connection (post-office): its task list is checked.
    assert reminders.send_due_reminders in mailqueue._before_each_pass

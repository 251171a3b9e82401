"""The worker delivers what the site queued: over a real SMTP server that is down, then back;
with a wait that doubles after each failure; and it gives up after MAX_RETRIES."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from post_office.lockfile import FileLock
from post_office.models import STATUS, Email

from mailqueue import services
from registrations.models import LinkRequest
from tests.factories import RegistrationFactory
from tests.servers import MailServer, free_port

# post-office's worker closes the database connection after each batch: these tests need
# a database of their own (on PostgreSQL, the test transaction would go with it).
pytestmark = pytest.mark.django_db(transaction=True)
MINUTE = datetime.timedelta(minutes=1)


def queue_one(to="camille@example.org"):
    EmailMessage("Votre inscription", "Bonjour Camille,", to=[to]).send()
    return Email.objects.get(to=to)


def attempts(email):
    return [log.status for log in email.logs.order_by("date", "pk")]


def test_a_mail_server_down_then_back_gets_the_message_at_the_next_pass(
    smtp_on, worker_pass, later
):
    port = free_port()
    smtp_on(port)
    email = queue_one()

    # Nothing listens: connection refused, the message waits for its next attempt.
    worker_pass()
    email.refresh_from_db()
    assert (email.status, email.number_of_retries) == (STATUS.requeued, 1)
    assert email.scheduled_time > timezone.now()
    assert email.logs.get().exception_type == "ConnectionRefusedError"

    # Not due yet: the next pass leaves it alone.
    worker_pass()
    assert attempts(email) == [STATUS.failed]

    with MailServer(port) as server:
        later(2 * MINUTE)
        output = worker_pass()

    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert attempts(email) == [STATUS.failed, STATUS.sent]
    assert [(m["To"], m["Subject"]) for m in server.messages] == [
        ("camille@example.org", "Votre inscription")
    ]
    assert output == "Envoyés : 1, à réessayer plus tard : 0, abandonnés : 0.\n"


def test_each_failure_doubles_the_wait_up_to_the_cap_then_the_message_fails(
    failing_mail_server, queued, worker_pass, later
):
    email = queue_one()
    waits = []

    for _attempt in range(settings.POST_OFFICE["MAX_RETRIES"] + 1):
        worker_pass()
        email.refresh_from_db()
        if email.status == STATUS.requeued:
            waits.append(email.scheduled_time - email.last_updated)
            later(email.scheduled_time - timezone.now() + datetime.timedelta(seconds=1))

    minutes = [wait / MINUTE for wait in waits]
    assert minutes == [1, 2, 4, 8, 16, 32, 64, 120]
    assert email.status == STATUS.failed
    assert attempts(email) == [STATUS.failed] * 9
    assert "Relais SMTP injoignable" in email.logs.first().message


def test_backoff_is_capped_whatever_the_number_of_retries():
    assert services.backoff_delay(1) == MINUTE
    assert services.backoff_delay(3) == 4 * MINUTE
    assert services.backoff_delay(10_000) == datetime.timedelta(hours=2)


def test_nothing_is_lost_while_the_worker_is_not_running(client, queued, worker_pass, programme):
    registration = RegistrationFactory(edition=programme, email="camille@example.org")

    client.post(reverse("registrations:resend"), {"email": registration.email})

    assert mail.outbox == []
    assert Email.objects.count() == 0
    assert LinkRequest.objects.count() == 1

    worker_pass()

    # The request answered and forgotten, its email queued and sent in the same pass.
    assert [m.to for m in mail.outbox] == [[registration.email]]
    assert registration.get_absolute_url() in mail.outbox[0].body
    assert Email.objects.get().status == STATUS.sent
    assert LinkRequest.objects.count() == 0


# post-office's lock reads the pid of the holder from a file it never closes.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_another_worker_holding_the_lock_keeps_this_one_from_sending(queued, worker_pass):
    email = queue_one()

    with FileLock(settings.MAIL_QUEUE_LOCK_FILE):
        worker_pass()
        email.refresh_from_db()
        assert email.status == STATUS.queued

    worker_pass()
    email.refresh_from_db()
    assert email.status == STATUS.sent

"""The queue's side effects: a pass of the worker with its backoff, requeueing, forgetting.

post-office dates its rows with timezone.now(), not programme.clock: every moment compared
with its rows here comes from the same clock as theirs.
"""

import re

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from post_office.mail import send_queued_mail_until_done
from post_office.models import STATUS, Email

# Work other apps give each pass, before the sending: what is due to be queued (the
# change notices of registrations, for one). The queue knows no app above it.
_before_each_pass = []


def before_each_pass(task):
    """Have `task()` run at the start of every pass of the worker."""
    if task not in _before_each_pass:
        _before_each_pass.append(task)


def send_due():
    """One pass of the worker: the tasks other apps gave it (they may queue messages), then
    send every message that is due, then space out the next attempt of each one that failed
    in this pass (apply_backoff).

    Side effects: statuses and a Log row per attempt (post-office), scheduled_time of the
    messages requeued. Sends nothing while another worker holds MAIL_QUEUE_LOCK_FILE.
    Returns {status: count} of the messages this pass sent, requeued or gave up.
    """
    started = timezone.now()
    for task in _before_each_pass:
        task()
    send_queued_mail_until_done(lockfile=settings.MAIL_QUEUE_LOCK_FILE)
    apply_backoff(since=started)
    done = Email.objects.filter(
        last_updated__gte=started, status__in=[STATUS.sent, STATUS.requeued, STATUS.failed]
    )
    counts = dict(done.values_list("status").annotate(count=Count("pk")).order_by())
    return {
        status: counts.get(status, 0) for status in (STATUS.sent, STATUS.requeued, STATUS.failed)
    }


def backoff_delay(retries):
    """The wait after the `retries`-th failure: base, twice that, four times… up to cap."""
    backoff = settings.MAIL_QUEUE_BACKOFF
    # The exponent is bounded so that a large MAX_RETRIES cannot overflow timedelta.
    return min(backoff["base"] * 2 ** min(retries - 1, 30), backoff["cap"])


def apply_backoff(*, since):
    """Exponential backoff on top of post-office, which requeues a failed message always
    RETRY_INTERVAL after its attempt: each one it requeued since `since` is rescheduled at
    its attempt (last_updated) + backoff_delay(its number of retries). A server back within a
    minute is used again soon; one down for hours is not knocked on every minute."""
    requeued = list(Email.objects.filter(status=STATUS.requeued, last_updated__gte=since))
    for email in requeued:
        email.scheduled_time = email.last_updated + backoff_delay(email.number_of_retries)
    # bulk_update leaves last_updated (auto_now) alone: it stays the moment of the attempt.
    Email.objects.bulk_update(requeued, ["scheduled_time"])
    return len(requeued)


def requeue(emails):
    """Put messages back in the queue, due now, for a full series of attempts again (an
    organiser's requeue of a message that failed, or was lost). Returns how many."""
    return emails.update(
        status=STATUS.queued,
        number_of_retries=0,
        scheduled_time=None,
        last_updated=timezone.now(),
    )


def forget_addresses(addresses, *, created_before=None):
    """Delete the messages to these addresses (before `created_before`, if given), with their
    logs: the queue keeps a copy of each email, names and personal links included, which must
    go when a person's data goes."""
    emails = Email.objects.filter(to__in=list(addresses))
    if created_before is not None:
        emails = emails.filter(created__lt=created_before)
    emails.delete()


REDACTED_FIELDS = ["subject", "message", "html_message"]


def redact(texts, *, replacement, created_before=None):
    """Replace `texts` (names, say), in any case, by `replacement` in the stored copies of the
    messages that hold them (before `created_before`, if given): a message to someone else may
    name a person whose data goes, as a list of a team's members does. Returns how many."""
    texts = [text for text in texts if text]
    if not texts:
        return 0
    holds = Q(pk__in=[])
    for text in texts:
        holds |= Q(subject__icontains=text) | Q(message__icontains=text)
        holds |= Q(html_message__icontains=text)
    emails = Email.objects.filter(holds)
    if created_before is not None:
        emails = emails.filter(created__lt=created_before)
    emails = list(emails)
    pattern = re.compile("|".join(map(re.escape, sorted(texts, key=len, reverse=True))), re.I)
    for email in emails:
        for name in REDACTED_FIELDS:
            setattr(email, name, pattern.sub(replacement, getattr(email, name) or ""))
    # bulk_update leaves last_updated (auto_now) alone: the message's history stays true.
    Email.objects.bulk_update(emails, REDACTED_FIELDS)
    return len(emails)

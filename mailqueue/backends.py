"""The site's EMAIL_BACKEND: every EmailMessage.send() puts the message in post-office's queue.

post-office's own backend (post_office.EmailBackend) hands each message to mail.create(), which
renders its subject and body as Django templates (ui/django-post_office#478): a « {{ » typed by a
participant would vanish from the email, a « {% » would raise TemplateSyntaxError and the message
would never be queued. This one stores them as they are, and otherwise does what post-office's
does for the site's messages, which are plain text without attachments.
"""

from django.core.mail.backends.base import BaseEmailBackend
from post_office.models import PRIORITY, STATUS, Email
from post_office.settings import get_default_priority
from post_office.signals import email_queued
from post_office.utils import parse_priority


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        """Queue the messages. With DEFAULT_PRIORITY « now » (the tests), each is also sent at
        once. Returns how many were sent then, as post-office's backend does."""
        emails = [queued_email(message) for message in email_messages]
        if parse_priority(get_default_priority()) == PRIORITY.now:
            return sum(email.dispatch() == STATUS.sent for email in emails)
        email_queued.send(sender=Email, emails=emails)
        return 0


def queued_email(message):
    """The Email row for an EmailMessage, saved; its text is never rendered again."""
    if message.attachments:
        # Nothing on the site attaches files: refuse rather than send without them.
        raise ValueError("Les pièces jointes ne passent pas par la file d'envoi.")
    headers = dict(message.extra_headers)
    if message.reply_to:
        headers.setdefault("Reply-To", ", ".join(message.reply_to))
    alternatives = getattr(message, "alternatives", [])
    priority = parse_priority(get_default_priority())
    email = Email(
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        subject=message.subject,
        message=message.body,
        html_message=next((text for text, kind in alternatives if kind == "text/html"), ""),
        headers=headers or None,
        priority=priority,
        # « now » is sent at once by dispatch(), which then sets the status; others wait.
        status=None if priority == PRIORITY.now else STATUS.queued,
    )
    email.save()
    return email

"""The emails sent to those who propose: plain text only, like the registration emails.

The confirmation is a file template; the decision emails are the texts organisers adapt on the
Call, filled by plain substitution (see placeholders). With no HTML part, markup typed in a
proposal is never interpreted, only shown as the characters it is.
"""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.text import capfirst

from programme.formats import long_date, time_range
from registrations.emails import absolute_url

from . import placeholders
from .models import Proposal


def confirmation_message(proposal, *, request=None):
    context = {
        "proposal": proposal,
        "edition": proposal.call.edition,
        "call": proposal.call,
        "speakers": list(proposal.speakers.all()),
        "private_url": absolute_url(proposal.get_absolute_url(), request),
    }
    subject = render_to_string("proposals/emails/confirmation_subject.txt", context)
    body = render_to_string("proposals/emails/confirmation.txt", context)
    return _message(proposal, subject, body)


def decision_message(proposal, *, request=None):
    """The accepted or declined email, from the texts of the proposal's call."""
    call = proposal.call
    if proposal.status == Proposal.Status.ACCEPTED:
        subject, body = call.accepted_subject, call.accepted_body
    else:
        subject, body = call.declined_subject, call.declined_body
    values = decision_values(proposal, request=request)
    return _message(proposal, placeholders.fill(subject, values), placeholders.fill(body, values))


def decision_values(proposal, *, request=None):
    """The value of each placeholder for this proposal."""
    speakers = list(proposal.speakers.all())
    contact = speakers[0] if speakers else None
    mini_conference = proposal.target
    slot = mini_conference.slot
    edition = proposal.call.edition
    return {
        "prenom": contact.first_name if contact else "",
        "nom": contact.last_name if contact else "",
        "intervenants": ", ".join(str(speaker) for speaker in speakers),
        "titre": proposal.title,
        "mini_conference": str(mini_conference),
        "quand": f"{capfirst(long_date(slot.day.date))}, {time_range(slot.start, slot.end)}",
        "salle": mini_conference.venue.name if mini_conference.venue else "",
        "lien": absolute_url(proposal.get_absolute_url(), request),
        "edition": edition.title,
        "contact": edition.contact_email,
    }


def _message(proposal, subject, body):
    edition = proposal.call.edition
    return EmailMessage(
        # A header must hold on one line, whatever the template's or organisers' line breaks.
        subject=" ".join(subject.split()),
        body=body,
        to=[proposal.email],
        reply_to=[edition.contact_email] if edition.contact_email else None,
    )

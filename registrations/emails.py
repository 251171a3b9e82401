"""The emails sent to participants: plain text only, so whatever they typed stays plain text.

The text templates switch autoescaping off — right for text/plain, where « <script> » is just
characters — and there is no HTML part that could interpret markup.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Seat
from .seats import waiting_position


def absolute_url(path, request=None):
    """From the request when there is one, else from SITE_URL (e.g. an admin action's mail)."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


def confirmation_message(registration, *, request=None):
    seat = Seat.objects.filter(registration=registration).select_related("mini_conference").first()
    return _message(
        "confirmation",
        registration,
        request,
        seat=seat,
        position=waiting_position(seat) if seat else None,
        preferences=registration.challenge_preferences.select_related("challenge"),
        meals=registration.meals.select_related("day"),
    )


def promotion_message(seat, *, request=None):
    return _message("promotion", seat.registration, request, seat=seat)


def _message(name, registration, request, **context):
    edition = registration.edition
    context.update(
        registration=registration,
        edition=edition,
        personal_url=absolute_url(registration.get_absolute_url(), request),
        privacy_url=absolute_url(reverse("registrations:privacy"), request),
    )
    # In the participant's language, whoever triggers the email (an organiser, a promotion).
    with translation.override(registration.language):
        subject = render_to_string(f"registrations/emails/{name}_subject.txt", context)
        body = render_to_string(f"registrations/emails/{name}.txt", context)
    return EmailMessage(
        # A header must hold on one line, whatever the template's line breaks.
        subject=" ".join(subject.split()),
        body=body,
        to=[registration.email],
        reply_to=[edition.contact_email] if edition.contact_email else None,
    )


def notice_message(registration, changes):
    """The programme changes that concern a participant, old → new, in their language."""
    return _message(
        "notice",
        registration,
        None,
        changes=changes,
        calendar_url=absolute_url(
            reverse("registrations:personal-calendar", kwargs={"token": registration.token})
        ),
        programme_url=absolute_url(
            reverse("registrations:personal-programme", kwargs={"token": registration.token})
        ),
    )

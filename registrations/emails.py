"""The emails sent to participants: plain text only, so whatever they typed stays plain text.

The text templates switch autoescaping off — right for text/plain, where « <script> » is just
characters — and there is no HTML part that could interpret markup.
"""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Seat
from .seats import waiting_position


def one_line(text):
    """A header holds on one line, whatever the template's line breaks; the non-breaking
    spaces of French typography stay (str.split() would take them for spaces)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def absolute_url(path, request=None):
    """From the request when there is one, else from SITE_URL (e.g. an admin action's mail)."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


def choices(registration):
    """What the participant chose, as the emails list it: seat and place, challenges, meals."""
    seat = Seat.objects.filter(registration=registration).select_related("mini_conference").first()
    return {
        "seat": seat,
        "position": waiting_position(seat) if seat else None,
        "preferences": registration.challenge_preferences.select_related("challenge"),
        "meals": registration.meals.select_related("day").order_by("start"),
    }


def confirmation_message(registration, *, request=None):
    return _message("confirmation", registration, request, **choices(registration))


def signup_again_message(registration, *, request=None):
    """To the owner of an address someone signed up with again: their link, nothing changed."""
    return _message("signup_again", registration, request, **choices(registration))


def choices_changed_message(registration, *, request=None):
    """After a change of choices: what is confirmed, or waiting, now."""
    return _message("choices_changed", registration, request, **choices(registration))


def cancellation_message(registration, *, request=None):
    # The personal link no longer leads anywhere: the way back is a new sign-up.
    signup_url = absolute_url(reverse("registrations:signup"), request)
    return _message("cancellation", registration, request, signup_url=signup_url)


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
        subject=one_line(subject),
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

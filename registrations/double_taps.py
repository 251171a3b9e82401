"""Forms that forgive a double tap: a repeated POST of a personal-page form whose work is already
done (two taps on the button, a resubmission, « back » then send again) lands on the page the
first one led to, never on an error or the dead-link page.

- Change of choices and correction of details: the second POST finds the same registration and
  changes nothing more; both redirect to the personal page (nothing here).
- Cancellation: the second POST finds the registration cancelled → the « annulée » page.
- Erasure: the second POST finds no registration. The browser that erased it remembers a hash
  of the link (its session), so it, and only it, gets the « données supprimées » page again;
  any other visitor of a dead link gets the dead-link page, which tells nothing more.
- Sign-up: a duplicate address gets the page of a new sign-up (views.submit_signup), and
  the same data again within a minute is no « someone tried » email (is_double_tap).
"""

import hashlib

from django.shortcuts import redirect

from programme import clock

from .exceptions import RegistrationCancelled, RegistrationGone
from .models import Registration

DELETED_KEY = "registrations:deleted_links"
REMEMBERED = 5  # Links erased from this browser that it still recognises.
# A sign-up repeated within this time with the same data is the person's own double tap.
DOUBLE_TAP_SECONDS = 60


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def remember_deleted(request, token):
    kept = request.session.get(DELETED_KEY, [])[-(REMEMBERED - 1) :]
    request.session[DELETED_KEY] = [*kept, _digest(token)]


def repeated_cancel(request, token, gone):
    if isinstance(gone, RegistrationCancelled):
        return redirect("registrations:cancelled")
    return None


def repeated_delete(request, token, gone):
    deleted_here = _digest(token) in request.session.get(DELETED_KEY, [])
    # Deleted by the other tap while this one ran: the services raise plain RegistrationGone.
    deleted_meanwhile = (
        type(gone) is RegistrationGone and not Registration.objects.filter(token=token).exists()
    )
    if deleted_here or deleted_meanwhile:
        remember_deleted(request, token)
        return redirect("registrations:deleted")
    return None


def is_double_tap(registration, data, *, within=DOUBLE_TAP_SECONDS):
    """The same form sent again moments after it registered (two taps on « Envoyer », a
    resubmission): the person's own, already answered by the confirmation, not someone else
    trying their address. Emails only: the pages answer the same either way."""
    recent = (clock.now() - registration.created_at).total_seconds() <= within
    same = all(getattr(registration, name) == value for name, value in (data or {}).items())
    return bool(data) and recent and same

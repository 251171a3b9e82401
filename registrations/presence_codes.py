"""The two codes of on-site sign-in.

- The personal code: a QR on the personal page and the badge, holding the address of the staff
  scan page with a signed reference to the registration. The signature's salt names the
  edition, so a badge of another edition is refused; it is not the personal link's token, so
  the QR opens nothing to someone who is not on the team (the scan page asks for the
  facilitators' permission, and shows nothing before).
- The half-day's code: a few characters a participant types on their personal page. It is
  derived, not stored: an HMAC of the site's secret key, the edition, the day and the period,
  so each half-day has its own, nobody can work out the next one from the last, and nothing
  needs to be created or cleaned up. It is valid during the half-day's window only.
"""

import segno
from django.core import signing
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.html import escape

from . import attendance, presence
from .models import Registration

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V: nothing read wrongly off a screen across the hall.
ALPHABET = "ACDEFHJKMNPRTWXY3479"
CODE_LENGTH = 5


def signer(edition_id):
    return signing.Signer(salt=f"registrations.presence-reference.{edition_id}", sep=".")


def reference(registration):
    return signer(registration.edition_id).sign(str(registration.pk))


def registration_for(edition, value):
    """The active registration of the edition a scanned reference names, or None."""
    try:
        pk = int(signer(edition.pk).unsign(value))
    except (signing.BadSignature, ValueError):
        return None
    return Registration.objects.of_edition(edition).active().filter(pk=pk).first()


def scan_path(registration):
    return reverse("registrations-staff:scan", args=[reference(registration)])


def scan_url(request, registration):
    return request.build_absolute_uri(scan_path(registration))


def qr_svg(url, label):
    """The QR of `url` as inline SVG, scaled by CSS; the label names it for screen readers."""
    svg = segno.make(url, error="m").svg_inline(omitsize=True, border=2, dark="#000")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def half_day_code(edition, half_day):
    value = f"{edition.pk}:{half_day.day.date.isoformat()}:{half_day.period}"
    digest = int.from_bytes(salted_hmac("registrations.sign-code", value).digest(), "big")
    characters = []
    for _position in range(CODE_LENGTH):
        digest, index = divmod(digest, len(ALPHABET))
        characters.append(ALPHABET[index])
    return "".join(characters)


def normalised(typed):
    """What was typed, in capitals, without the spaces or dashes a person may add."""
    return "".join(c for c in (typed or "").upper() if c.isalnum())


class CodeRefused(Exception):
    """Why a typed code does not sign: wrong, or another half-day's (expired)."""

    def __init__(self, kind, half_day=None):
        super().__init__(kind)
        self.kind = kind
        self.half_day = half_day


def check(edition, typed, at=None):
    """The half-day the code signs now; raises CodeRefused otherwise."""
    code = normalised(typed)
    current = presence.current_half_day(edition, at)
    if current is not None and code == half_day_code(edition, current):
        return current
    other = next(
        (h for h in attendance.half_days(edition) if half_day_code(edition, h) == code), None
    )
    if other is not None:
        raise CodeRefused("expired", other)
    raise CodeRefused("wrong")

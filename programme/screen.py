"""The hall screens, /ecran/ and /ecran/<lieu>/: « En ce moment » in large type for a TV or a
projector, refreshed by the page itself (meta refresh, no JavaScript), with a QR code to the
programme.

Other apps add boxes to the screen without this app importing them (the self-sign code of the
half-day, from registrations): `@add_screen_panel` on a function fn(edition, venue_or_None, at)
that returns a dict, or None when it has nothing to show there and then. A dict
{"kind": "sign_code", "code": ..., "label": ..., "until": <datetime>} is drawn as the
« Code d'émargement » box.

Panels show only on the screens staff opened with the edition's screen key (`?cle=…`, given on
the « Codes d'émargement » page): the screens are public pages, and a room's sign-in code read
from home would let anyone sign a half-day they did not attend.
"""

import segno
from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from . import clock, now
from .models import Session, Venue
from .views import EditionMixin

SCREEN_PANELS = []


def add_screen_panel(fn):
    SCREEN_PANELS.append(fn)
    return fn


KEY_SALT = "programme.screen.key"


def screen_key(edition):
    """The edition's screen key: derived from the secret key, so nothing is stored, and one per
    edition, so that last year's link shows nothing this year."""
    return salted_hmac(KEY_SALT, f"edition:{edition.pk}").hexdigest()[:20]


def keyed_url(edition, venue=None):
    """The address of a screen opened by staff, which shows the panels."""
    path = (
        reverse("programme:venue-screen", args=[venue.slug])
        if venue
        else reverse("programme:screen")
    )
    return f"{path}?cle={screen_key(edition)}"


def opened_by_staff(request, edition):
    return constant_time_compare(request.GET.get("cle", ""), screen_key(edition))


def panels(edition, venue, at):
    """What the registered panels have to show on this screen at this moment."""
    answers = (fn(edition, venue, at) for fn in SCREEN_PANELS)
    return [answer for answer in answers if answer is not None]


def qr_code(url):
    """The QR code of the URL as inline SVG, black on a white quiet zone even on a dark screen.
    A full QR code (never a Micro QR, which phones' cameras do not all read), level M so that a
    reflection on the screen does not make it unreadable."""
    qr = segno.make_qr(url, error="m")
    svg = qr.svg_inline(
        scale=1,
        border=4,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass="screen-qr-code",
        title=_("QR code du programme : %(url)s") % {"url": url},
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))


def venues_of(sessions):
    """The venues of the edition's sessions and mini-conferences, by name (already loaded)."""
    found = {s.venue for s in sessions if s.venue} | {
        mc.venue for s in sessions for mc in s.parallel if mc.venue
    }
    return sorted(found, key=lambda venue: venue.name)


class ScreenView(EditionMixin, TemplateView):
    """Now and next for the whole edition or one venue, read from across a hall. Never cached:
    a panel (the self-sign code) changes with the half-day, and the screen with the minute."""

    template_name = "programme/screen.html"

    def get(self, request, *args, **kwargs):
        slug = kwargs.get("slug")
        self.venue = get_object_or_404(Venue, slug=slug) if slug else None
        response = super().get(request, *args, **kwargs)
        # Proxies and the browser ask again at each refresh, never showing a stale code.
        patch_cache_control(response, no_cache=True, max_age=0, must_revalidate=True)
        return response

    def get_context_data(self, **kwargs):
        moment = clock.now()
        sessions = list(
            Session.objects.of_edition(self.edition).for_programme().order_by("start", "pk")
        )
        programme_url = self.request.build_absolute_uri(reverse("programme:agenda"))
        keyed = opened_by_staff(self.request, self.edition)
        return super().get_context_data(
            moment=moment,
            venue=self.venue,
            # Who reads the screen on their own device may stop the refresh (WCAG 2.2.1).
            refresh=0
            if self.request.GET.get("actualiser") == "non"
            else settings.SCREEN_REFRESH_SECONDS,
            programme_url=programme_url,
            qr_code=qr_code(programme_url),
            panels=panels(self.edition, self.venue, moment) if keyed else [],
            # A staff-opened screen's links to the venues' screens keep the key.
            screen_key=screen_key(self.edition) if keyed else None,
            venues=venues_of(sessions) if self.venue is None else [],
            **now.announcement(sessions, moment, self.venue),
            **kwargs,
        )

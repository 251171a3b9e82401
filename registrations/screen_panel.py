"""The half-day's self-sign code on the hall screens: only during its window, and only once
staff have turned its display on for that half-day (the « Codes d’émargement » page)."""

from django.utils.translation import gettext as _

from . import presence, presence_codes


def sign_code_panel(edition, venue, at):
    half_day = presence.current_half_day(edition, at)
    if half_day is None or not presence.code_shown(half_day):
        return None
    return {
        "kind": "sign_code",
        "code": presence_codes.half_day_code(edition, half_day),
        "label": _("Code d’émargement"),
        "until": presence.window(half_day)[1],
    }

"""Dates and times as French readers expect them: « mardi 11 juillet 2017 », « 14 h 30 »."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

NBSP = "\u00a0"


def _is_french():
    return (get_language() or "fr").startswith("fr")


def long_date(value):
    """« lundi 10 juillet 2017 », « samedi 1er juillet 2017 »."""
    if value is None:
        return ""
    if _is_french() and value.day == 1:
        return date_format(value, "l j\\e\\r F Y")
    return date_format(value, "l j F Y")


def day_and_month(value):
    """« 5 juillet », « 1er juillet » (for dates of this year's event, where the year is known)."""
    if value is None:
        return ""
    if _is_french() and value.day == 1:
        return date_format(value, "j\\e\\r F")
    return date_format(value, "j F")


def weekday_and_month(value):
    """« lundi 10 juillet », « samedi 1er juillet »: a day of the event, in lists where the
    year is known and the weekday is what people go by (« mardi midi »)."""
    if value is None:
        return ""
    if _is_french() and value.day == 1:
        return date_format(value, "l j\\e\\r F")
    return date_format(value, "l j F")


def dated_title(session):
    """« lundi 10 juillet — Cocktail déjeunatoire »: a session named with its day, where titles
    repeat from one day to the next (two lunches, two dinners). Reads session.day: select it."""
    return f"{weekday_and_month(session.day.date)} — {session.title}"


def short_time(value):
    """« 14 h 30 », « 9 h » (local time of the site)."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    if not _is_french():
        return value.strftime("%H:%M")
    if value.minute:
        return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"
    return f"{value.hour}{NBSP}h"


def time_range(start, end):
    """« 14 h 30 – 15 h 30 », or « à partir de 19 h 30 » when the programme leaves the end open."""
    from django.utils.translation import gettext

    if end is None:
        return gettext("à partir de %(start)s") % {"start": short_time(start)}
    return f"{short_time(start)} – {short_time(end)}"


def ordinal(number):
    """A rank, for a (feminine) position: « 1re », « 2e »; in English « 1st », « 2nd », « 3rd »."""
    if _is_french():
        return f"{number}re" if number == 1 else f"{number}e"
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def plural_count(number):
    """The number to give ngettext so that French says « 0 personne » (singular for 0 and 1).

    French is the source language, without a catalogue of its own: for its strings Django's
    ngettext falls back to English's rule (singular for 1 only)."""
    return 1 if number == 0 and _is_french() else number

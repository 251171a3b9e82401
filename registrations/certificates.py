"""The attestation de présence a participant downloads from their personal link: what an
employer asks for — who attests, who attended (function and employer), each half-day with
its hours, the mini-conference attended, the total, the place and date, and who signs."""

from django.shortcuts import render
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from programme import clock
from programme.formats import time_range
from programme.models import Partnership

from . import attendance
from .models import Seat
from .views import personal_link


def organisers_of(edition):
    partnerships = edition.partnerships.select_related("organisation")
    return [p.organisation for p in partnerships if p.role == Partnership.Role.ORGANISER]


def attesting(organisers):
    """Who attests, with each body's article when it has one: « le Centre national de la
    fonction publique territoriale », « le CNFPT et la Région… » (capfirst to begin a sentence)."""
    names = [o.name_with_article or o.name for o in organisers]
    if not names:
        return _("l'équipe d'organisation")
    return get_text_list(names, _("et"))


def mini_conference_attended(registration):
    seat = (
        Seat.objects.filter(registration=registration, attended=True)
        .select_related("mini_conference__slot__day")
        .first()
    )
    return seat.mini_conference if seat else None


def slot_hours(slot):
    return time_range(slot.start, slot.end)


@never_cache
@personal_link
def certificate(request, registration):
    """The half-days recorded present, with their hours and the total.

    A participant with no presence recorded yet gets a page saying so (status 200): the link is
    valid, only the sheets have not been entered.
    """
    edition = registration.edition
    attended = attendance.attended_half_days(registration)
    organisers = organisers_of(edition)
    mini_conference = mini_conference_attended(registration)
    context = {
        "registration": registration,
        "edition": edition,
        "attended": attended,
        "mini_conference": mini_conference,
        "mini_conference_hours": slot_hours(mini_conference.slot) if mini_conference else "",
        "total": attendance.format_duration(attendance.total_duration(attended)),
        "attesting": attesting(organisers),
        "attesting_count": max(len(organisers), 1),
        "issued_on": clock.today(),
    }
    return render(request, "registrations/certificate.html", context)

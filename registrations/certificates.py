"""The attestation de présence a participant downloads from their personal link."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from programme import clock
from programme.models import Partnership

from . import attendance
from .views import personal_link


def organisers_of(edition):
    partnerships = edition.partnerships.select_related("organisation")
    return [p.organisation for p in partnerships if p.role == Partnership.Role.ORGANISER]


@never_cache
@personal_link
def certificate(request, registration):
    """The half-days recorded present, with their hours and the total.

    A participant with no presence recorded yet gets a page saying so (status 200): the link is
    valid, only the sheets have not been entered.
    """
    # Like the personal page, a cancelled or anonymised registration's link leads nowhere.
    edition = registration.edition
    attended = attendance.attended_half_days(registration)
    context = {
        "registration": registration,
        "edition": edition,
        "attended": attended,
        "total": attendance.format_duration(attendance.total_duration(attended)),
        "organisers": organisers_of(edition),
        "issued_on": clock.today(),
    }
    return render(request, "registrations/certificate.html", context)

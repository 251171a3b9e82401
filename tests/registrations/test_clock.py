"""Fixing programme.clock.now fixes every moment the registrations record or compare to."""

import datetime

from django.urls import reverse

from registrations import services
from registrations.models import Registration

# Inside the sign-up window of the `edition` fixture (opened yesterday, closing in 30 days).
MOMENT = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0) + datetime.timedelta(
    days=2, hours=3
)


def test_registration_records_consent_at_the_clocks_moment(register, fixed_clock):
    fixed_clock(MOMENT)

    registration = register()

    assert Registration.objects.get(pk=registration.pk).consent_at == MOMENT


def test_cancellation_is_dated_by_the_clock(register, fixed_clock):
    registration = register()
    fixed_clock(MOMENT)

    services.cancel_registration(registration=registration)

    assert Registration.objects.get(pk=registration.pk).cancelled_at == MOMENT


def test_sign_up_window_is_read_on_the_clock(edition, fixed_clock):
    assert services.registration_window(edition) == services.OPEN

    fixed_clock(edition.registration_closes_at)

    assert services.registration_window(edition) == services.CLOSED


def test_certificate_is_issued_on_the_clocks_day(client, register, fixed_clock):
    registration = register()
    fixed_clock(datetime.datetime(2030, 12, 31, 23, 30, tzinfo=datetime.UTC))

    response = client.get(reverse("registrations:certificate", args=[registration.token]))

    # 23 h 30 in London is already 1 January in Cluny: the site's day, not the server's.
    assert response.context["issued_on"] == datetime.date(2031, 1, 1)

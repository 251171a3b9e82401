"""« Signer ma présence »: the half-day's code, right, wrong, expired, and too many wrong."""

import pytest

from registrations import attendance, presence_codes
from registrations.models import Attendance
from tests.registrations.on_site import MONDAY, NB, TUESDAY, at, self_sign_url, text


def code(edition, day, period):
    half_day = attendance.find_half_day(edition, day, period)
    return presence_codes.half_day_code(edition, half_day)


def test_each_half_day_has_its_own_short_unambiguous_code(edition):
    codes = [presence_codes.half_day_code(edition, h) for h in attendance.half_days(edition)]

    assert len(set(codes)) == len(codes) == 3
    for value in codes:
        assert len(value) == 5 and set(value) <= set(presence_codes.ALPHABET)
        assert not set(value) & set("0O1IL")


def test_the_personal_page_offers_the_form_during_the_half_day(client, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 9, 5))

    page = text(client.get(registration.get_absolute_url()))

    assert "Émargement" in page and "Signer ma présence" in page
    assert "Code affiché dans la salle" in page


def test_no_form_outside_the_half_days(client, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 13, 30))

    page = text(client.get(registration.get_absolute_url()))

    assert "Signer ma présence" not in page
    assert "Mon code personnel" in page


def test_the_right_code_signs_once(client, edition, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 9, 5))
    right = code(edition, TUESDAY, "morning")

    response = client.post(self_sign_url(registration), {"code": f" {right.lower()} "}, follow=True)
    again = client.post(self_sign_url(registration), {"code": right}, follow=True)

    record = Attendance.objects.get()
    assert (record.day.date, record.period, record.method) == (TUESDAY, "morning", "self")
    assert record.recorded_by is None
    for answer in (response, again):
        assert f"Présence enregistrée à 9{NB}h{NB}05" in text(answer)


def test_a_wrong_code_is_refused_in_french(client, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 9, 5))

    response = client.post(self_sign_url(registration), {"code": "XXXXX"})

    assert response.status_code == 200
    assert "Ce code n’est pas le bon" in text(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Attendance.objects.exists()


def test_yesterdays_code_has_expired(client, edition, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 9, 5))

    response = client.post(
        self_sign_url(registration), {"code": code(edition, MONDAY, "afternoon")}
    )

    assert "il n’est plus valable" in text(response)
    assert "lundi 8 juillet 2030, après-midi" in text(response)
    assert not Attendance.objects.exists()


def test_after_the_window_even_its_code_is_refused(client, edition, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 13, 5))

    response = client.post(self_sign_url(registration), {"code": code(edition, TUESDAY, "morning")})

    assert "L’émargement n’est pas ouvert en ce moment" in text(response)
    assert "Rien n’a été enregistré" in text(response)
    assert not Attendance.objects.exists()


def test_an_empty_code_is_asked_for(client, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 9, 5))

    response = client.post(self_sign_url(registration), {"code": ""})

    assert "Saisissez le code affiché dans la salle." in text(response)


def test_too_many_wrong_codes_stop_the_form(client, edition, registration, fixed_clock, settings):
    settings.SELF_SIGN_WRONG_CODES = 3
    fixed_clock(at(TUESDAY, 9, 5))
    for _attempt in range(3):
        client.post(self_sign_url(registration), {"code": "XXXXX"})

    response = client.post(self_sign_url(registration), {"code": code(edition, TUESDAY, "morning")})

    assert response.status_code == 429
    assert "Trop de codes erronés" in text(response)
    assert not Attendance.objects.exists()


def test_the_self_sign_page_is_small_and_needs_no_script(client, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 9, 5))

    response = client.get(self_sign_url(registration))

    html = response.content.decode()
    assert len(response.content) < 15_000
    assert "<img" not in html
    assert '<form method="post"' in html and 'name="code"' in html


@pytest.mark.parametrize("target", ["self-sign", "sign-codes-action", "scan"])
def test_generated_bodies_never_give_a_server_error(client, world, fixed_clock, target):
    """Whatever is posted to the on-site forms, during a half-day: an answer, never a 500."""
    from django.core.cache import cache
    from django.db import transaction
    from hypothesis import given

    from tests.registrations.on_site import facilitator, scan_url
    from tests.test_generated_input import GENERATED, Form, bodies

    _edition, mini_conference, registration = world
    fixed_clock(at(TUESDAY, 9, 5))
    if target == "self-sign":
        form = Form(self_sign_url(registration), [("code", "XXXXX")], ["ACDEF", "997TN"])
    else:
        client.force_login(facilitator())
        url = (
            scan_url(registration) if target == "scan" else "/organisation/emargement/codes/action/"
        )
        pairs = [("action", "show"), ("date", TUESDAY.isoformat()), ("period", "matin")]
        form = Form(url, pairs, ["show", "hide", "close", str(mini_conference.pk), "apres-midi"])
    statuses = []

    @GENERATED
    @given(bodies(form))
    def post(generated):
        body, content_type = generated
        cache.clear()
        with transaction.atomic():
            response = client.generic("POST", form.url, body, content_type=content_type)
            transaction.set_rollback(True)
        statuses.append(response.status_code)
        assert response.status_code < 500, body

    post()

    assert set(statuses) & {200, 302}

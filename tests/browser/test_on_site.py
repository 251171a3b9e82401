"""Signing in on site, on a 360 px phone: a facilitator scans a personal code and records the
presence; a participant signs with the room's code from the personal page. axe checks each
new page (scan, self-sign with its error, the codes page)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from registrations import presence, presence_codes
from registrations.models import Attendance
from tests.browser.public_pages import register_someone
from tests.browser.test_accessibility import axe_violations
from tests.factories import paris

PHONE = {"width": 360, "height": 800}
TUESDAY = datetime.date(2017, 7, 11)
NB = "\u00a0"
PASSWORD = "mot-de-passe-solide"


def log_in_as_facilitator(page, url):
    group, _created = Group.objects.get_or_create(name="Animateur·rice")
    group.permissions.set([Permission.objects.get(codename="record_presence")])
    user = get_user_model().objects.create_user(
        "animateur", password=PASSWORD, is_staff=True, first_name="Sam", last_name="Animateur"
    )
    user.groups.add(group)
    page.goto(url("admin:login"))
    page.fill("#id_username", "animateur")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def registration(edition):
    # Registered while registration is open, before the clock moves to the event.
    return register_someone(edition)


@pytest.fixture
def morning(edition, registration, fixed_clock):
    fixed_clock(paris(TUESDAY, 9, 2))
    half_day = presence.current_half_day(edition)
    assert half_day is not None and half_day.day.date == TUESDAY
    return half_day


def test_a_facilitator_scans_and_records_on_a_phone(
    new_page, registration, url, live_server, morning
):
    page = new_page(viewport=PHONE)
    log_in_as_facilitator(page, url)
    scanned = live_server.url + presence_codes.scan_path(registration)

    page.goto(scanned)

    assert page.locator("h1").inner_text() == "Dominique Lefèvre"
    assert "Communauté de communes du Clunisois" in page.locator("main").inner_text()
    assert axe_violations(page) == ""
    page.get_by_role("button", name="Enregistrer la présence").click()
    page.wait_for_load_state()
    assert f"Présence enregistrée à 9{NB}h{NB}02" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Enregistrer la présence").count() == 0
    assert Attendance.objects.filter(registration=registration, method="scan").count() == 1
    assert axe_violations(page) == ""


def test_a_participant_signs_with_the_room_code_on_a_phone(
    new_page, edition, registration, url, morning
):
    page = new_page(viewport=PHONE)
    page.goto(url("registrations:manage", registration.token))

    page.get_by_label("Code affiché dans la salle").fill("XXXXX")
    page.get_by_role("button", name="Signer ma présence").click()
    page.wait_for_load_state()
    assert "Ce code n’est pas le bon" in page.locator("main").inner_text()
    assert axe_violations(page) == ""
    page.get_by_label("Code affiché dans la salle").fill(
        presence_codes.half_day_code(edition, morning).lower()
    )
    page.get_by_role("button", name="Signer ma présence").click()
    page.wait_for_load_state()

    assert f"Présence enregistrée à 9{NB}h{NB}02" in page.locator("main").inner_text()
    assert Attendance.objects.filter(registration=registration, method="self").count() == 1
    assert axe_violations(page) == ""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_the_codes_pages_have_no_violation(new_page, edition, url, morning, viewport):
    page = new_page(viewport=viewport)
    log_in_as_facilitator(page, url)

    page.goto(url("registrations-staff:sign-codes"))

    code = presence_codes.half_day_code(edition, morning)
    assert page.locator("#current-code").inner_text() == code
    assert axe_violations(page) == ""
    page.get_by_role("link", name="imprimer le code en grand").first.click()
    page.wait_for_load_state()
    assert code in page.locator(".sign-code-poster").inner_text()
    assert axe_violations(page) == ""

"""The personal code and the staff scan: what the QR holds, what it shows to whom, and one
presence per half-day however often it is scanned."""

import re

import pytest
import segno
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.urls import reverse

from registrations import presence_codes
from registrations.models import Attendance, Seat
from tests import factories
from tests.registrations.on_site import MONDAY, NB, TUESDAY, at, facilitator, scan_url, text


def test_the_personal_page_qr_is_drawn_from_the_scan_address_only(client, registration):
    html = client.get(registration.get_absolute_url()).content.decode()

    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    url = f"http://testserver{scan_url(registration)}"
    assert svg == presence_codes.qr_svg(url, label_of(svg))
    # Read back from the drawing, its dark modules are exactly those of that address's QR.
    assert dark_modules(svg) == expected_modules(url) and len(expected_modules(url)) > 300
    assert registration.token not in url
    assert signing.Signer(
        salt=f"registrations.presence-reference.{registration.edition_id}", sep="."
    ).unsign(url.rsplit("/", 2)[1]) == str(registration.pk)


def dark_modules(svg):
    """The dark modules (x, y) an SVG path of segno's draws: « M x y » then « h n » runs and
    relative « m dx dy » moves, each row drawn half a module down (a 1-unit-wide stroke)."""
    path = re.search(r' d="([^"]+)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for command, numbers in re.findall(r"([Mmh])([-\d. ]+)", path):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            dark |= {(int(x) + i, int(y - 0.5)) for i in range(int(values[0]))}
            x += values[0]
    return dark


def expected_modules(url, border=2):
    matrix = segno.make(url, error="m").matrix
    return {
        (column + border, row + border)
        for row, line in enumerate(matrix)
        for column, module in enumerate(line)
        if module
    }


def label_of(svg):
    import html

    return html.unescape(re.search(r'aria-label="([^"]*)"', svg).group(1))


@pytest.mark.parametrize("who", ["anonymous", "not-staff"])
def test_the_scan_address_shows_nothing_to_outsiders(client, registration, who):
    if who == "not-staff":
        client.force_login(get_user_model().objects.create_user("visiteur", password="x"))

    response = client.get(scan_url(registration), follow=True)

    page = text(response)
    assert response.redirect_chain[0][0].startswith(reverse("admin:login"))
    for personal in ("Lucie", "Aubrac", "lucie.aubrac", "Mâcon", "Tiers-lieux"):
        assert personal not in page
    assert client.post(scan_url(registration)).status_code == 302
    assert not Attendance.objects.exists()


def test_staff_without_the_permission_get_403_and_no_name(client, registration):
    client.force_login(factories.StaffUserFactory())

    response = client.get(scan_url(registration))

    assert response.status_code == 403
    assert "Aubrac" not in response.content.decode()


@pytest.mark.parametrize(
    "reference",
    ["1.faux", "abc", lambda r: presence_codes.reference(r) + "x", "foreign"],
    ids=["forged", "garbage", "tampered", "other-edition"],
)
def test_a_forged_or_foreign_code_names_nobody(client, registration, reference):
    if reference == "foreign":
        other = factories.RegistrationFactory(edition=factories.EditionFactory(is_published=False))
        reference = presence_codes.reference(other)
    elif callable(reference):
        reference = reference(registration)
    client.force_login(facilitator())

    response = client.get(reverse("registrations-staff:scan", args=[reference]))

    assert response.status_code == 404
    assert "Code inconnu" in text(response)


def test_the_facilitator_sees_who_and_the_current_half_day(client, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 9, 2))
    client.force_login(facilitator())

    response = client.get(scan_url(registration))

    page = text(response)
    assert response.status_code == 200
    assert "<h1>Lucie Aubrac</h1>" in response.content.decode()
    assert "Ville de Mâcon" in page
    assert "4. Tiers-lieux" in page or "Tiers-lieux" in page
    assert f"Mardi 9 juillet 2030, matin (9{NB}h – 12{NB}h{NB}30)" in page
    assert page.count("Enregistrer la présence") == 1
    assert "lucie.aubrac@example.org" not in page


def test_scanning_twice_records_once_and_says_so_both_times(client, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 9, 2))
    user = facilitator()
    client.force_login(user)

    first = client.post(scan_url(registration), follow=True)
    fixed_clock(at(TUESDAY, 9, 7))
    again = client.post(scan_url(registration), follow=True)

    record = Attendance.objects.get()
    assert (record.day.date, record.period, record.method) == (TUESDAY, "morning", "scan")
    assert record.recorded_by == user
    for response in (first, again):
        assert f"Présence enregistrée à 9{NB}h{NB}02" in text(response)
        assert "Enregistrer la présence" not in text(response)


@pytest.mark.parametrize(("day", "hour", "attended"), [(TUESDAY, 9, True), (MONDAY, 15, False)])
def test_the_mini_conference_is_marked_with_its_half_day(
    client, registration, fixed_clock, day, hour, attended
):
    fixed_clock(at(day, hour))
    client.force_login(facilitator())

    client.post(scan_url(registration))

    assert Seat.objects.get(registration=registration).attended is attended
    assert Attendance.objects.count() == 1


@pytest.mark.parametrize(("day", "hour", "minute"), [(TUESDAY, 13, 30), (TUESDAY, 8, 0)])
def test_outside_any_half_day_the_page_says_so_and_records_nothing(
    client, registration, fixed_clock, day, hour, minute
):
    fixed_clock(at(day, hour, minute))
    client.force_login(facilitator())

    page = text(client.get(scan_url(registration)))
    client.post(scan_url(registration))

    assert "Aucune demi-journée n’est en cours" in page
    assert "Enregistrer la présence" not in page
    assert not Attendance.objects.exists()


def test_the_window_opens_half_an_hour_before_the_first_session(client, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 8, 30))
    client.force_login(facilitator())

    client.post(scan_url(registration))

    assert Attendance.objects.get().period == "morning"


def test_the_facilitator_group_holds_only_the_presence_right(db):
    group = Group.objects.get(name="Animateur·rice")

    assert [p.codename for p in group.permissions.all()] == ["record_presence"]


@pytest.mark.parametrize(
    "url",
    [
        reverse("registrations-staff:dashboard"),
        reverse("registrations-staff:sheet-index"),
        reverse("registrations-staff:notices"),
        reverse("teams:index"),
        reverse("evaluations-staff:results"),
        reverse("admin:registrations_registration_changelist"),
        reverse("admin:registrations_attendance_changelist"),
        reverse("admin:registrations_attendance_add"),
        reverse("admin:programme_session_changelist"),
    ],
)
def test_a_facilitator_can_do_nothing_else(client, world, url):
    client.force_login(facilitator())

    response = client.get(url)

    assert response.status_code == 403


def test_a_facilitator_cannot_type_presences_nor_read_a_sheet(client, world):
    client.force_login(facilitator())
    url = reverse("registrations-staff:attendance-half-day", args=[TUESDAY, "matin"])

    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    sheet = reverse("registrations-staff:sheet-half-day", args=[TUESDAY, "matin"])
    assert client.get(sheet).status_code == 403


def test_the_scan_page_is_small(client, registration, fixed_clock):
    fixed_clock(at(TUESDAY, 9, 2))
    client.force_login(facilitator())

    response = client.get(scan_url(registration))

    assert len(response.content) < 15_000
    assert "<img" not in response.content.decode()
    assert "<script" not in response.content.decode().replace(
        '<script src="/static/js/offline.js" defer></script>', ""
    )

"""What the organisers and participants print, printed by Chromium: the number of A4 pages."""

import re
import struct
import zlib

from django.contrib.auth.models import User

from registrations.models import Attendance, Seat
from teams import services as teams
from tests.browser.public_pages import register_someone


def png(width=400, height=120):
    """A real grey-on-white PNG, as a scanned signature is."""
    rows = b"".join(
        b"\x00" + bytes(200 if (x + y) % 7 else 30 for x in range(width)) for y in range(height)
    )

    def chunk(kind, data):
        checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def printed_pages(page):
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return int(re.search(rb"/Count (\d+)", pdf).group(1))


def log_in_as_organiser(page, url):
    User.objects.create_superuser("orga", "orga@example.org", "mot-de-passe-solide")
    page.goto(url("admin:login"))
    page.fill("#id_username", "orga")
    page.fill("#id_password", "mot-de-passe-solide")
    page.click("input[type=submit]")
    page.wait_for_load_state()


def test_the_attestation_prints_on_one_a4_page(page, url, edition):
    edition.signatory_name = "Camille Martin"
    edition.signatory_title = "Directrice de l'Institut national des études territoriales"
    edition.signature = png()
    edition.save()
    registration = register_someone(
        edition,
        job_title="Responsable du service de la participation citoyenne et de l'innovation",
        employer="Communauté d'agglomération du Grand Chalon, direction de la démocratie locale",
    )
    for day in edition.days.all():
        for period in ("morning", "afternoon"):
            Attendance.objects.get_or_create(registration=registration, day=day, period=period)
    Seat.objects.filter(registration=registration).update(attended=True)

    page.goto(url("registrations:certificate", token=registration.token))

    assert page.locator(".certificate-signature-image").evaluate("img => img.naturalWidth") == 400
    assert printed_pages(page) == 1


def test_team_lists_print_no_page_for_an_empty_team(page, url, edition):
    for n in range(2):
        register_someone(edition, email=f"membre{n}@example.org", last_name=f"Membre{n}")
    run = teams.run_challenge_allocation(edition=edition)
    with_members = run.teams.filter(memberships__isnull=False).distinct().count()
    assert 0 < with_members < run.teams.count()  # 15 teams with the 2017 examples.
    log_in_as_organiser(page, url)

    page.goto(url("teams:team-lists", run.pk))

    assert printed_pages(page) == with_members

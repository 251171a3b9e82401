"""The printed sheet and the attestation, built from the presences recorded on site."""

import re

import pytest
from django.urls import reverse

from registrations import presence
from registrations.models import Attendance
from tests import factories
from tests.registrations.on_site import NB, TUESDAY, at, facilitator, text
from tests.registrations.test_signin_sheets import rows

SHEET = reverse("registrations-staff:sheet-half-day", args=[TUESDAY, "matin"])


def sign(registration, half_day, method, fixed_clock, when):
    fixed_clock(when)
    presence.record_presence(registration=registration, half_day=half_day, method=method)


def test_the_sheet_prints_each_signature_and_the_countersignature(
    client, world, morning, fixed_clock
):
    edition, _mini_conference, lucie = world
    emile = factories.RegistrationFactory(edition=edition, last_name="Zola", first_name="Émile")
    factories.RegistrationFactory(edition=edition, last_name="Martin", first_name="Paul")
    sign(lucie, morning, Attendance.Method.SCAN, fixed_clock, at(TUESDAY, 9, 2))
    sign(emile, morning, Attendance.Method.SELF, fixed_clock, at(TUESDAY, 9, 14))
    fixed_clock(at(TUESDAY, 12, 40))
    presence.close_list(by=facilitator(), half_day=morning)
    client.force_login(factories.OrganiserFactory())

    response = client.get(SHEET)

    assert [row[1:] for row in rows(response.content.decode())[:3]] == [
        ["Aubrac", "Lucie", "Ville de Mâcon", f"9{NB}h{NB}02 — code scanné"],
        ["Martin", "Paul", "Communauté de communes du Clunisois", ""],
        [
            "Zola",
            "Émile",
            "Communauté de communes du Clunisois",
            f"9{NB}h{NB}14 — code de la salle",
        ],
    ]
    box = re.search(r'<section class="trainer-box".*?</section>', response.content.decode(), re.S)
    box_text = re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", box.group(0)))
    assert "Nom\xa0: Sam Animateur" in box_text
    assert f"contresignée en ligne le mardi 9 juillet 2030 à 12{NB}h{NB}40" in box_text


def test_without_records_the_sheet_stays_blank_for_the_pen(client, world):
    client.force_login(factories.OrganiserFactory())

    response = client.get(SHEET)

    html = response.content.decode()
    assert all(row[-1] == "" for row in rows(html))
    assert "contresignée" not in html
    assert "<p>Nom\xa0:</p>" in html and "<p>Signature\xa0:</p>" in html


def test_the_mini_conference_sheet_prints_its_half_days_signature(
    client, world, morning, fixed_clock
):
    _edition, mini_conference, lucie = world
    sign(lucie, morning, Attendance.Method.SCAN, fixed_clock, at(TUESDAY, 9, 2))
    client.force_login(factories.OrganiserFactory())

    response = client.get(
        reverse("registrations-staff:sheet-mini-conference", args=[mini_conference.pk])
    )

    assert rows(response.content.decode())[0][-1] == f"9{NB}h{NB}02 — code scanné"


@pytest.mark.parametrize("method", [Attendance.Method.SCAN, Attendance.Method.SELF])
def test_the_attestation_counts_presences_signed_on_site(
    client, world, morning, fixed_clock, method
):
    _edition, mini_conference, lucie = world
    sign(lucie, morning, method, fixed_clock, at(TUESDAY, 9, 2))

    response = client.get(reverse("registrations:certificate", args=[lucie.token]))

    page = text(response)
    assert f"9{NB}h – 12{NB}h{NB}30" in page
    assert "Tiers-lieux" in page  # Its mini-conference, marked with the half-day.


def test_the_sheets_queries_do_not_grow_with_the_signatures(client, world, morning, fixed_clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    edition = world[0]
    client.force_login(factories.OrganiserFactory())
    fixed_clock(at(TUESDAY, 9, 2))
    presence.record_presence(registration=world[2], half_day=morning, method="scan")
    client.get(SHEET)
    with CaptureQueriesContext(connection) as few:
        client.get(SHEET)
    for registration in factories.RegistrationFactory.create_batch(8, edition=edition):
        presence.record_presence(registration=registration, half_day=morning, method="self")
    with CaptureQueriesContext(connection) as many:
        client.get(SHEET)

    assert len(many) == len(few)

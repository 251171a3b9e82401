"""Shared by the on-site sign-in tests: an edition shaped like the programme (Monday afternoon
14 h 30 – 18 h 30, Tuesday 9 h – 12 h 30 with the mini-conferences at 11 h 30, Tuesday
afternoon), a participant with a seat, a facilitator, and the moments of the clock."""

import datetime
import html as html_module
import re
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.urls import reverse

from registrations import presence_codes
from tests import factories

PARIS = ZoneInfo("Europe/Paris")
NB = "\u00a0"
MONDAY = datetime.date(2030, 7, 8)
TUESDAY = datetime.date(2030, 7, 9)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def build():
    edition = factories.edition_with_half_days(
        start_date=MONDAY, end_date=TUESDAY, title="Université d'été de l'innovation"
    )
    slot = edition.days.get(date=TUESDAY).sessions.get(kind="mini_conferences")
    mini_conference = factories.MiniConferenceFactory(slot=slot, number=4, title="Tiers-lieux")
    registration = factories.RegistrationFactory(
        edition=edition,
        first_name="Lucie",
        last_name="Aubrac",
        email="lucie.aubrac@example.org",
        employer="Ville de Mâcon",
    )
    factories.SeatFactory(
        registration=registration, mini_conference=mini_conference, status="confirmed"
    )
    return edition, mini_conference, registration


def facilitator():
    user = factories.StaffUserFactory(first_name="Sam", last_name="Animateur")
    user.groups.add(Group.objects.get(name="Animateur·rice"))
    return user


def scan_url(registration):
    return reverse("registrations-staff:scan", args=[presence_codes.reference(registration)])


def self_sign_url(registration):
    return reverse("registrations:self-sign", args=[registration.token])


def text(response):
    """The page's text, tags gone, entities decoded, ASCII spaces collapsed."""
    html = response.content.decode()
    return re.sub(r"[ \t\r\n]+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", html)))

"""The dashboard's charts: SVG drawn on the server, with their numbers in a table beside them."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from registrations.charts import BAR_AREA
from tests import factories
from tests.factories import PARIS

URL = "/organisation/tableau-de-bord/"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def organiser_client(client, db):
    client.force_login(factories.OrganiserFactory())
    return client


def svg(html, title_id):
    """The chart whose <title> has this id, parsed as XML (it must be well-formed SVG)."""
    found = re.search(rf'<svg[^>]*aria-labelledby="{title_id}".*?</svg>', html, re.S).group(0)
    return ET.fromstring(found.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def rects(chart, css_class):
    return [rect for rect in chart.iter(f"{SVG}rect") if rect.get("class") == css_class]


def signed_up(edition, day, hour, count=1, **kwargs):
    moment = datetime.datetime(2030, 5, day, hour, tzinfo=PARIS)
    for _ in range(count):
        factories.RegistrationFactory(edition=edition, created_at=moment, **kwargs)


def test_signups_per_day_are_bars_with_their_numbers_in_a_table(organiser_client, fixed_clock):
    edition = factories.EditionFactory(
        registration_opens_at=datetime.datetime(2030, 5, 1, 9, tzinfo=PARIS),
        registration_closes_at=datetime.datetime(2030, 6, 30, 18, tzinfo=PARIS),
    )
    signed_up(edition, 1, 10, count=4)
    signed_up(edition, 3, 23, count=2)  # 23 h in Cluny: the 3rd, though 21 h UTC
    signed_up(edition, 3, 12, status="cancelled")  # counts on the day it came
    fixed_clock(datetime.datetime(2030, 5, 4, 8, tzinfo=PARIS))

    html = organiser_client.get(URL).content.decode()

    chart = svg(html, "signups-chart-title")
    bars = rects(chart, "chart-bar")
    assert [float(bar.get("height")) for bar in bars] == [BAR_AREA, 0, BAR_AREA * 3 / 4, 0]
    assert chart.find(f"{SVG}title").text.startswith("Inscriptions par jour, sur 4 jours")
    table = re.search(r'<table[^>]*id="signups-per-day".*?</table>', html, re.S).group(0)
    rows = [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    ]
    assert rows == [
        ["mercredi 1er mai 2030", "4", "4"],
        ["jeudi 2 mai 2030", "0", "4"],
        ["vendredi 3 mai 2030", "3", "7"],
        ["samedi 4 mai 2030", "0", "7"],
    ]


def test_a_dashboard_before_any_sign_up_says_so_instead_of_an_empty_chart(organiser_client):
    factories.EditionFactory(registration_opens_at=None)

    html = organiser_client.get(URL).content.decode()

    assert "signups-chart-title" not in html and "Aucune inscription pour l’instant." in html


def test_seats_chart_draws_capacity_taken_and_waiting_on_one_scale(organiser_client):
    edition = factories.EditionFactory()
    slot = factories.SessionFactory(day__edition=edition, kind="mini_conferences")
    full = factories.MiniConferenceFactory(slot=slot, number=1, title="Pleine", capacity=2)
    factories.MiniConferenceFactory(slot=slot, number=2, title="Vide", capacity=4)
    for status in ["confirmed", "confirmed", "waiting", "waiting"]:
        factories.SeatFactory(mini_conference=full, status=status, registration__edition=edition)

    html = organiser_client.get(URL).content.decode()

    chart = svg(html, "seats-chart-title")
    frames = [float(rect.get("width")) for rect in rects(chart, "chart-frame")]
    taken = [float(rect.get("width")) for rect in rects(chart, "chart-bar")]
    waiting = [float(rect.get("width")) for rect in rects(chart, "chart-waiting")]
    assert frames[1] == pytest.approx(2 * frames[0])  # capacity 4 against 2
    assert taken == [frames[0], 0] and waiting == [pytest.approx(frames[0])]
    texts = ["".join(text.itertext()) for text in chart.iter(f"{SVG}text")]
    assert texts == ["1. Pleine", "2 / 2 · 2 en attente", "2. Vide", "0 / 4"]

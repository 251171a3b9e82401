"""Search engines and sharing, programme changes, print and « En ce moment »."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from programme import clock
from programme.models import ProgrammeChange, Session
from tests import factories

ATOM = "{http://www.w3.org/2005/Atom}"


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_json_ld_describes_the_edition_and_names_every_session(client, programme):
    data = json_ld(client.get(reverse("programme:agenda")).content.decode())

    assert data["@type"] == "Event"
    assert data["name"] == programme.title
    assert data["startDate"] == "2017-07-10"
    assert data["endDate"] == "2017-07-12"
    assert data["location"]["address"]["addressLocality"] == "Cluny"
    assert [o["name"] for o in data["organizer"]] == [
        p.organisation.name for p in programme.partnerships.filter(role="organiser")
    ]
    names = {sub["name"] for sub in data["subEvent"]}
    for session in Session.objects.of_edition(programme):
        mcs = list(session.mini_conferences.all())
        assert ({str(m) for m in mcs} if mcs else {session.title}) <= names


def test_json_ld_cannot_be_closed_by_a_title(client, small_programme):
    session = Session.objects.of_edition(small_programme).first()
    session.title = "</script><script>alert(1)</script>"
    session.save()
    html = client.get(reverse("programme:agenda")).content.decode()
    assert "</script><script>alert(1)" not in html
    assert session.title in {s["name"] for s in json_ld(html)["subEvent"]}


@pytest.mark.parametrize(
    "name", ["programme:home", "programme:agenda", "programme:venue-list", "programme:changes"]
)
def test_every_page_has_description_and_open_graph(client, small_programme, name):
    html = client.get(reverse(name)).content.decode()
    for tag in (
        'name="description"',
        'property="og:title"',
        'property="og:description"',
        'property="og:url"',
        'property="og:type"',
    ):
        assert re.search(rf'<meta {tag} content="[^"]+"', html), tag


def test_session_page_shares_its_own_title(client, small_programme):
    session = Session.objects.of_edition(small_programme).first()
    html = client.get(session.get_absolute_url()).content.decode()
    assert f'<meta property="og:title" content="{session.title}">' in html


def test_sitemap_lists_the_public_pages(client, programme):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    session = Session.objects.of_edition(programme).first()
    assert f"http://testserver{reverse('programme:agenda')}" in locations
    assert f"http://testserver{session.get_absolute_url()}" in locations
    assert f"http://testserver{session.day.get_absolute_url()}" in locations


def test_robots_txt_points_to_the_sitemap_and_hides_private_pages(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /inscription/" in text


def move(session, **changes):
    for field, value in changes.items():
        setattr(session, field, value)
    session.save()


def test_changes_to_a_published_session_are_listed_newest_first(client, small_programme):
    session, other = Session.objects.of_edition(small_programme)[:2]
    move(session, start=session.start + datetime.timedelta(minutes=30))
    move(other, title="Nouveau titre", venue=factories.VenueFactory(name="Grange"))

    changes = [(c.title, [f["field"] for f in c.fields]) for c in ProgrammeChange.objects.all()]
    assert changes == [("Nouveau titre", ["venue", "title"]), (session.title, ["start"])]
    html = client.get(reverse("programme:changes")).content.decode()
    assert html.index("Grange") < html.index(session.title)
    assert "8\u00a0h\u00a030" in html


def test_changes_of_an_unpublished_programme_are_not_recorded(small_programme):
    small_programme.is_published = False
    small_programme.save()
    move(Session.objects.of_edition(small_programme).first(), title="Brouillon")
    assert not ProgrammeChange.objects.exists()


def test_changes_feed_is_atom_with_one_entry_per_change(client, small_programme):
    move(Session.objects.of_edition(small_programme).first(), title="Titre & <nouveau>")
    response = client.get(reverse("programme:changes-feed"))
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Titre & <nouveau>"]


def test_agenda_prints_one_day_per_a4_page_without_navigation(client, programme):
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    assert "@page { size: A4" in css
    print_rules = css[css.index("@media print") :]
    assert ".day { break-after: page; }" in print_rules
    assert ".site-header nav" in print_rules and ".site-footer" in print_rules
    html = client.get(reverse("programme:agenda")).content.decode()
    items = re.findall(r'<li class="session session--[^"]+">(.*?)</li>\n', html, re.S)
    assert len(items) == Session.objects.of_edition(programme).count()
    assert all('class="session-time"' in i and 'class="session-venue"' in i for i in items)


@pytest.fixture
def at(monkeypatch):
    def set_clock(moment):
        monkeypatch.setattr(clock, "now", lambda: moment)

    return set_clock


def test_now_page_before_the_event(client, small_programme, at):
    first = Session.objects.of_edition(small_programme).order_by("start").first()
    at(first.start - datetime.timedelta(days=3))
    html = client.get(reverse("programme:now")).content.decode()
    assert "n’a pas encore commencé" in html
    assert reverse("programme:agenda") in html


def test_now_page_after_the_event(client, small_programme, at):
    at(factories.paris(small_programme.end_date + datetime.timedelta(days=1), 9))
    assert "est terminée" in client.get(reverse("programme:now")).content.decode()


def test_now_page_during_the_event_shows_now_and_next_by_venue(client, small_programme, at):
    day = small_programme.days.first()
    now_session = factories.SessionFactory(
        day=day,
        start=factories.paris(day.date, 14),
        end=factories.paris(day.date, 15),
        title="En cours",
    )
    factories.SessionFactory(day=day, start=factories.paris(day.date, 15, 30), title="Ensuite")
    at(factories.paris(day.date, 14, 10))
    html = client.get(reverse("programme:now")).content.decode()
    now_part, next_part = html.split('id="ensuite"')
    assert "En cours" in now_part and now_session.venue.name in now_part
    assert "Ensuite" in next_part and "En cours" not in next_part

"""The hall screens, /ecran/ and /ecran/<lieu>/, on the shipped 2017 programme at the moments
a hall sees them (fixed clock), their refresh, their QR code and the panels other apps add."""

import datetime
import re
from html import unescape

import pytest
import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from programme import screen
from programme.models import Edition, Venue
from tests import factories
from tests.factories import paris
from tests.queries import count_queries

from .conftest import build_programme

NB = "\u00a0"
MONDAY, TUESDAY, WEDNESDAY = (datetime.date(2017, 7, d) for d in (10, 11, 12))


@pytest.fixture(autouse=True)
def french_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def screen_text(client, fixed_clock, moment, venue=None, language="fr", side=False, key=None):
    """The screen's text as read in the hall (tags stripped, spaces collapsed): now and next,
    or with side=True the whole screen (panels, QR code, venues' screens)."""
    fixed_clock(moment)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse("programme:venue-screen", args=[venue]) if venue else reverse("programme:screen")
    response = client.get(url, {"cle": key} if key else {})
    assert response.status_code == 200
    html = response.content.decode()
    html = html[html.index("<main") :]
    if not side:
        html = html[: html.index('class="screen-side"')]
    return re.sub(r"[ \t\n]+", " ", unescape(strip_tags(html)))


def typeset(title):
    return title.replace("'", "’")


def parts(text):
    """What is on now, and what comes next."""
    return text.split("Maintenant", 1)[1].split("Ensuite", 1)


def test_tuesday_at_11_45_the_nine_mini_conferences_then_lunch(client, programme, fixed_clock):
    text = screen_text(client, fixed_clock, paris(TUESDAY, 11, 45))
    now_part, next_part = parts(text)

    assert f"11{NB}h{NB}45" in text.split("En ce moment")[0]
    assert "9 mini-conférences en parallèle" in now_part
    titles = programme.days.get(date=TUESDAY).sessions.get(kind="mini_conferences").parallel
    assert [typeset(mc.title) in now_part for mc in titles] == [True] * 9
    assert f"11{NB}h{NB}30 – 12{NB}h{NB}30" in now_part
    assert f"À 12{NB}h{NB}30{NB}:" in next_part and "Cocktail déjeunatoire" in next_part
    assert "Hall d’honneur" in next_part


def test_a_venue_screen_shows_only_that_venue(client, programme, fixed_clock):
    text = screen_text(client, fixed_clock, paris(TUESDAY, 11, 45), venue="hall-d-honneur")
    now_part, next_part = parts(text)

    assert "Hall d’honneur" in text.split("Maintenant")[0]
    assert "Rien dans cette salle pour le moment." in now_part
    assert "mini-conférence" not in text
    assert f"À 12{NB}h{NB}30{NB}:" in next_part and "Cocktail déjeunatoire" in next_part


def test_a_venue_screen_keeps_the_mini_conferences_held_there(client, programme, fixed_clock):
    slot = programme.days.get(date=TUESDAY).sessions.get(kind="mini_conferences")
    here, elsewhere = slot.parallel[2], slot.parallel[3]
    here.venue = Venue.objects.get(slug="farinier-abbaye-cluny")
    here.save()

    text = screen_text(client, fixed_clock, paris(TUESDAY, 11, 45), venue=here.venue.slug)
    now_part, _ = parts(text)

    assert "1 mini-conférence" in now_part and typeset(here.title) in now_part
    assert typeset(elsewhere.title) not in now_part


def test_cancelled_sessions_say_so_and_moved_ones_their_new_room(client, programme, fixed_clock):
    lunch = programme.days.get(date=TUESDAY).sessions.get(title="Cocktail déjeunatoire")
    lunch.venue = Venue.objects.get(slug="parc-abbaye")
    lunch.save()
    mc = lunch.day.sessions.get(kind="mini_conferences").parallel[0]
    mc.is_cancelled = True
    mc.save()

    now_part, next_part = parts(screen_text(client, fixed_clock, paris(TUESDAY, 11, 45)))

    assert f"Annulée {typeset(mc.title)}" in now_part
    assert "Parc de l’abbaye" in next_part and "Hall d’honneur" not in next_part


def test_at_night_the_day_is_over_and_tomorrow_is_said(client, programme, fixed_clock):
    now_part, next_part = parts(screen_text(client, fixed_clock, paris(MONDAY, 23, 30)))

    assert "La journée est terminée." in now_part
    assert f"Demain à 8{NB}h{NB}30{NB}:" in next_part and "Café d’accueil" in next_part


def test_at_night_a_venue_screen_says_tomorrow_there(client, programme, fixed_clock):
    text = screen_text(client, fixed_clock, paris(MONDAY, 23, 30), venue="jardin-entree-abbaye")

    assert f"Demain à 8{NB}h{NB}30{NB}:" in parts(text)[1]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (
            paris(MONDAY - datetime.timedelta(days=5), 9),
            f"L’université d’été commence le lundi 10 juillet 2017 à 13{NB}h.",
        ),
        (paris(MONDAY, 9), f"L’université d’été commence à 13{NB}h."),
        (paris(WEDNESDAY, 18), f"L’université d’été est terminée. Merci à toutes et à tous{NB}!"),
    ],
    ids=["days-before", "the-same-morning", "after"],
)
def test_before_and_after_the_event(client, programme, fixed_clock, moment, expected):
    text = screen_text(client, fixed_clock, moment)

    assert expected in text and "Maintenant" not in text


def test_before_the_event_the_first_moment_is_shown(client, programme, fixed_clock):
    first = programme.days.get(date=MONDAY).sessions.order_by("start").first()

    text = screen_text(client, fixed_clock, paris(MONDAY, 9))

    assert f"Ensuite À 13{NB}h{NB}:" in text and typeset(first.title) in text


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (paris(TUESDAY, 11, 45), ["9 parallel mini-conferences", "At 12:30:"]),
        (paris(MONDAY, 23, 30), ["The day is over.", "Tomorrow at 08:30:"]),
        (paris(MONDAY, 9), ["The summer university starts at 13:00."]),
    ],
    ids=["mini-conferences", "night", "before"],
)
def test_the_screen_in_english(client, programme, fixed_clock, moment, expected):
    text = screen_text(client, fixed_clock, moment, language="en")

    assert [sentence for sentence in expected if sentence not in text] == []


def test_the_screen_refreshes_itself_every_so_many_seconds(client, programme, settings):
    settings.SCREEN_REFRESH_SECONDS = 45

    html = client.get(reverse("programme:screen")).content.decode()

    assert '<meta http-equiv="refresh" content="45">' in html
    assert "<script" not in html.split("</main>")[0]


def test_who_reads_the_screen_on_their_own_device_may_stop_the_refresh(client, programme):
    html = client.get(reverse("programme:screen")).content.decode()
    assert 'href="?actualiser=non"' in html

    stopped = client.get(reverse("programme:screen") + "?actualiser=non").content.decode()
    assert 'http-equiv="refresh"' not in stopped
    assert f'href="{reverse("programme:screen")}">Reprendre l’actualisation' in stopped


def test_the_screen_has_no_site_navigation_and_links_the_venue_screens(client, programme):
    html = client.get(reverse("programme:screen")).content.decode()

    assert 'class="site-header"' not in html and 'class="site-footer"' not in html
    assert f'href="{reverse("programme:venue-screen", args=["hall-d-honneur"])}"' in html


def dark_modules(svg):
    """The dark modules (column, row) that segno's SVG path draws, its quiet zone removed: each
    « h » stroke is a run of dark modules on the row, each « m » a move, « M » the start."""
    path = re.search(r'stroke="#000" d="([^"]+)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for command, dx, dy in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "h":
            dark |= {(int(x) + i - 4, int(y) - 4) for i in range(int(dx))}
            x += int(dx)
        elif command == "M":
            x, y = float(dx), float(dy)
        else:
            x, y = x + float(dx), y + float(dy)
    return dark


def test_the_qr_code_is_the_programme_address(client, programme):
    response = client.get(reverse("programme:screen"))
    drawn = re.search(r'<svg[^>]*class="screen-qr-code".*?</svg>', response.content.decode())

    url = "http://testserver" + reverse("programme:agenda")
    assert response.context["programme_url"] == url
    matrix = segno.make_qr(url, error="m").matrix
    expected = {(x, y) for y, row in enumerate(matrix) for x, bit in enumerate(row) if bit}
    assert dark_modules(drawn.group(0)) == expected
    assert 'role="img"' in drawn.group(
        0
    ) and f"<title>QR code du programme{NB}: {url}" in drawn.group(0)


def test_an_unknown_venue_is_the_sites_french_404(client, programme):
    response = client.get(reverse("programme:venue-screen", args=["pas-un-lieu"]))

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_a_sign_code_panel_is_shown_in_large(client, programme, fixed_clock, monkeypatch):
    asked = []

    def sign_code(edition, venue, at):
        asked.append((edition, venue, at))
        until = paris(TUESDAY, 12, 30)
        return {"kind": "sign_code", "code": "K7PM", "label": "Émargement du mardi", "until": until}

    monkeypatch.setattr(screen, "SCREEN_PANELS", [sign_code, lambda *args: None])
    moment = paris(TUESDAY, 11, 45)
    key = screen.screen_key(programme)
    text = screen_text(client, fixed_clock, moment, venue="hall-d-honneur", side=True, key=key)

    assert f"Code d’émargement{NB}: K7PM" in text
    assert "Émargement du mardi" in text and f"jusqu’à 12{NB}h{NB}30" in text
    hall = Venue.objects.get(slug="hall-d-honneur")
    assert asked == [(programme, hall, moment)]


def test_no_code_box_when_no_panel_answers(client, programme, monkeypatch):
    monkeypatch.setattr(screen, "SCREEN_PANELS", [lambda *args: None])

    html = client.get(reverse("programme:screen"), {"cle": screen.screen_key(programme)}).content
    html = html.decode()

    assert "screen-code" not in html.replace("screen-qr-code", "")
    assert "émargement" not in html


@pytest.mark.parametrize(
    "key", [None, "", "0" * 20, "mauvaise-cle"], ids=["none", "empty", "wrong", "garbage"]
)
def test_panels_show_only_on_screens_opened_with_the_key(client, programme, monkeypatch, key):
    # The screens are public: a room's code read from home must not sign anyone in.
    asked = []
    panel = {"kind": "sign_code", "code": "K7PM", "label": "", "until": None}
    monkeypatch.setattr(screen, "SCREEN_PANELS", [lambda *args: asked.append(args) or panel])

    html = client.get(reverse("programme:screen"), {"cle": key} if key is not None else {})

    assert html.status_code == 200
    assert "K7PM" not in html.content.decode() and asked == []


def test_a_keyed_screen_keeps_its_key_in_the_links_to_the_venues(client, programme):
    key = screen.screen_key(programme)

    html = client.get(reverse("programme:screen"), {"cle": key}).content.decode()

    assert f'/ecran/hall-d-honneur/?cle={key}"' in html
    assert "?cle=" not in client.get(reverse("programme:screen")).content.decode()


def test_add_screen_panel_registers_the_function(monkeypatch):
    monkeypatch.setattr(screen, "SCREEN_PANELS", [])

    @screen.add_screen_panel
    def panel(edition, venue, at):
        return None

    assert [panel] == screen.SCREEN_PANELS


def test_the_screen_is_never_kept_by_a_cache(client, programme, monkeypatch, page_cache):
    # With the page cache on (Redis), as in production.
    codes = iter(["AAAA", "BBBB"])
    panel = {"kind": "sign_code", "label": "", "until": None}
    monkeypatch.setattr(screen, "SCREEN_PANELS", [lambda *a: {**panel, "code": next(codes)}])

    key = {"cle": screen.screen_key(programme)}
    first = client.get(reverse("programme:screen"), key)
    second = client.get(reverse("programme:screen"), key)

    assert "AAAA" in first.content.decode() and "BBBB" in second.content.decode()
    cache_control = first["Cache-Control"]
    assert "no-cache" in cache_control and "max-age=0" in cache_control


def test_screen_query_count_is_pinned_and_does_not_grow(client, db, django_assert_num_queries):
    build_programme(sessions_per_day=1, mini_conferences=1)
    small = count_queries(client, reverse("programme:screen"))
    Edition.objects.update(is_published=False)
    edition = build_programme(sessions_per_day=10, mini_conferences=9)
    venue = edition.days.first().sessions.first().venue
    factories.SessionFactory.create_batch(5, day=edition.days.first(), venue=venue, end=None)

    assert count_queries(client, reverse("programme:screen")) == small
    venue_screen = reverse("programme:venue-screen", args=[venue.slug])
    assert count_queries(client, venue_screen) == small + 1
    # edition, sessions with day and venue, their mini-conferences, their speakers and recent
    # changes, the sessions' speakers and recent changes.
    with django_assert_num_queries(7):
        client.get(reverse("programme:screen"))

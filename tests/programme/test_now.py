"""« En ce moment » on the shipped 2017 programme, at the moments a participant looks at it."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from programme.typography import typeset_plain
from tests.factories import paris

MONDAY, TUESDAY, WEDNESDAY = (datetime.date(2017, 7, d) for d in (10, 11, 12))


@pytest.fixture(autouse=True)
def french_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def now_page(client, fixed_clock, moment, language="fr"):
    fixed_clock(moment)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("programme:now")).content.decode()
    return re.sub(r"[ \t\n]+", " ", html[html.index("<main") :])


def sections(html):
    now_part, next_part = html.split('id="ensuite"')
    return now_part, next_part


def test_parallel_mini_conferences_are_one_group_with_their_rooms(client, programme, fixed_clock):
    mc = programme.days.get(date=TUESDAY).sessions.get(kind="mini_conferences").parallel[0]
    mc.venue = programme.days.first().sessions.exclude(venue=None).first().venue
    mc.save()

    now_part, _ = sections(now_page(client, fixed_clock, paris(TUESDAY, 11, 45)))

    assert now_part.count("mini-conférences en parallèle") == 1
    assert "<strong>9 mini-conférences en parallèle</strong>" in now_part
    assert (
        escape(f"{mc}</a> — {typeset_plain(mc.venue.name)}").replace("&lt;/a&gt;", "</a>")
        in now_part
    )
    assert "Salle précisée sur place" not in now_part
    assert now_part.count('href="/mini-conferences/') == 9


def test_the_night_is_not_a_pause_and_next_is_tomorrow(client, programme, fixed_clock):
    now_part, next_part = sections(now_page(client, fixed_clock, paris(MONDAY, 23, 30)))

    assert "La journée est terminée." in now_part
    assert "pause" not in now_part.lower()
    assert "Demain à 8\u00a0h\u00a030\xa0:" in next_part
    assert "Café d’accueil" in next_part


def test_during_lunch_next_is_the_afternoon_of_the_same_day(client, programme, fixed_clock):
    now_part, next_part = sections(now_page(client, fixed_clock, paris(TUESDAY, 12, 30)))

    assert "Cocktail déjeunatoire" in now_part
    assert "À 14\u00a0h\u00a030\xa0:" in next_part and "Temps 3" in next_part
    assert "emain" not in next_part


def test_dinner_then_tomorrow_morning(client, programme, fixed_clock):
    _, next_part = sections(now_page(client, fixed_clock, paris(TUESDAY, 20, 30)))

    assert "Demain à 8\u00a0h\u00a030\xa0:" in next_part


def test_a_gap_in_the_day_says_when_it_resumes(client, programme, fixed_clock):
    now_part, _ = sections(now_page(client, fixed_clock, paris(TUESDAY, 14, 10)))

    assert "reprise à 14\u00a0h\u00a030" in now_part
    assert "pause" not in now_part.lower()


def test_the_last_moment_of_the_event_is_said(client, programme, fixed_clock):
    _, next_part = sections(now_page(client, fixed_clock, paris(WEDNESDAY, 13, 30)))

    assert "s’achève avec ce dernier moment" in next_part


def test_after_the_last_session_of_the_last_day(client, programme, fixed_clock):
    html = now_page(client, fixed_clock, paris(WEDNESDAY, 18))

    assert "L’université d’été est terminée." in html
    assert 'id="ensuite"' not in html


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (
            paris(MONDAY - datetime.timedelta(days=5), 9),
            "elle s’ouvre le lundi 10 juillet 2017 à 13\u00a0h.",
        ),
        (paris(MONDAY - datetime.timedelta(days=1), 9), "elle s’ouvre demain à 13\u00a0h."),
        (paris(MONDAY, 9), "elle s’ouvre à 13\u00a0h."),
    ],
    ids=["days-before", "the-day-before", "the-same-morning"],
)
def test_before_the_event(client, programme, fixed_clock, moment, expected):
    html = now_page(client, fixed_clock, moment)

    assert "pas encore commencé" in html and expected in html


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (paris(TUESDAY, 11, 45), ["9 parallel mini-conferences"]),
        (paris(MONDAY, 23, 30), ["The day is over.", "Tomorrow at 08:30:"]),
        (paris(TUESDAY, 12, 30), ["At 14:30:"]),
        (paris(WEDNESDAY, 18), ["The summer university is over."]),
    ],
    ids=["mini-conferences", "night", "lunch", "after"],
)
def test_now_in_english(client, programme, fixed_clock, moment, expected):
    html = now_page(client, fixed_clock, moment, language="en")

    assert [text for text in expected if text not in html] == []

"""« Mon inscription » answers « what now? » first: the next step by the site's clock, then the
seat, the teams, the programme day by day, and last the person's own details."""

import datetime
import re

import pytest
from django.urls import reverse

from programme.models import Session, SessionKind
from tests.factories import paris
from tests.personal_page import SECTIONS

from .conftest import text, words


def at(day, hour, minute=0):
    """A moment in July 2030, the edition's month (Monday 8 – Tuesday 9 July)."""
    return paris(datetime.date(2030, 7, day), hour, minute)


def page(client, registration):
    return client.get(reverse("registrations:manage", kwargs={"token": registration.token}))


def next_step(response):
    section = re.search(r'<section class="next-step[^"]*".*?</section>', text(response), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", section.group(0)).split()).replace("\u00a0", " ")


def session(edition, kind, day, hour, minute=0):
    return Session.objects.of_edition(edition).get(kind=kind, start=at(day, hour, minute))


@pytest.mark.parametrize(
    ("now", "when"),
    [
        (at(1, 10), "Le lundi 8 juillet à 14 h 30"),  # A week before: the date.
        (at(7, 20), "Demain à 14 h 30"),
        (at(8, 9), "Aujourd’hui à 14 h 30"),
    ],
)
def test_before_the_event_the_next_step_is_the_first_item(
    client, register, edition, fixed_clock, now, when
):
    registration = register()
    fixed_clock(now)

    step = next_step(page(client, registration))

    plenary = session(edition, SessionKind.PLENARY, 8, 14, 30)
    assert step.startswith(f"Prochaine étape {when} {plenary.title} ")
    assert plenary.venue.name in step
    assert "En ce moment" not in step


def test_during_the_event_the_next_step_is_the_next_item_and_what_is_under_way(
    client, register, edition, fixed_clock
):
    registration = register()
    fixed_clock(at(8, 14, 45))

    step = next_step(page(client, registration))

    plenary = session(edition, SessionKind.PLENARY, 8, 14, 30)
    coffee_break = session(edition, SessionKind.BREAK, 8, 17)
    assert step.startswith(f"Prochaine étape En ce moment : {plenary.title}")
    assert "(jusqu’à 15 h 30)" in step
    assert f"Aujourd’hui à 17 h {coffee_break.title}" in step


def test_at_night_the_next_step_says_tomorrow(client, register, edition, fixed_clock):
    registration = register()  # No meal chosen: Monday's dinner is not theirs.
    fixed_clock(at(8, 23, 30))

    step = next_step(page(client, registration))

    coffee = session(edition, SessionKind.WELCOME_COFFEE, 9, 8, 30)
    assert step.startswith(f"Prochaine étape Demain à 8 h 30 {coffee.title}")


def test_the_next_step_is_one_s_own_mini_conference_not_the_slot(
    client, register, edition, mini_conferences, fixed_clock
):
    registration = register(mini_conference=mini_conferences[1])
    fixed_clock(at(9, 11, 0))

    step = next_step(page(client, registration))

    assert " ".join(f"Aujourd’hui à 11 h 30 {mini_conferences[1]}".split()) + " " in step


def test_after_the_event_the_page_thanks_instead(client, register, fixed_clock):
    registration = register()
    fixed_clock(at(10, 9))

    step = next_step(page(client, registration))

    assert step.startswith("Merci de votre participation")
    assert "Prochaine étape" not in step


@pytest.mark.parametrize("now", [at(1, 10), at(8, 14, 45)])
def test_the_page_answers_what_now_first_and_who_one_is_last(
    client, register, mini_conferences, fixed_clock, now
):
    registration = register(mini_conference=mini_conferences[0], data={"employer": "Mairie"})
    fixed_clock(now)

    response = page(client, registration)

    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", text(response), re.S)
    assert headings == SECTIONS
    content = words(response)
    assert content.index("Mairie") > content.index("Mes informations")

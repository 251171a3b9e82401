"""The hall announcement, the registration state and the English pages, as a visitor sees them
on a phone and on a desktop."""

import datetime

import pytest

from programme.models import Session
from tests.browser.conftest import DESKTOP
from tests.browser.test_accessibility import REFRESHING, axe_violations
from tests.factories import paris

PHONE = {"width": 360, "height": 800}
TUESDAY, MONDAY = datetime.date(2017, 7, 11), datetime.date(2017, 7, 10)
SIZES = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


@SIZES
def test_now_during_the_mini_conferences_is_one_group(
    new_page, edition, url, fixed_clock, viewport
):
    fixed_clock(paris(TUESDAY, 11, 45))
    page = new_page(viewport=viewport)
    page.goto(url("programme:now"))

    now = page.locator("section[aria-labelledby=maintenant]")
    assert now.locator("strong").all_inner_texts() == ["9 mini-conférences en parallèle"]
    assert now.locator(".now-parallel li").count() == 9
    assert "Salle précisée sur place" not in now.inner_text()
    assert axe_violations(page) == ""


@SIZES
def test_now_at_night_says_the_day_is_over_and_tomorrow(
    new_page, edition, url, fixed_clock, viewport
):
    fixed_clock(paris(MONDAY, 23, 30))
    page = new_page(viewport=viewport)
    page.goto(url("programme:now"))

    now = page.locator("section[aria-labelledby=maintenant]").inner_text()
    following = page.locator("section[aria-labelledby=ensuite]").inner_text()
    assert "La journée est terminée." in now and "pause" not in now.lower()
    assert "Demain à 8\u00a0h\u00a030\xa0:" in following
    assert axe_violations(page) == ""


def test_a_browser_that_prefers_english_gets_english(new_page, edition, url):
    page = new_page(locale="en-GB")
    page.goto(url("programme:home"))

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Français").is_visible()


@SIZES
def test_the_english_change_log_gives_its_dates_in_english(new_page, edition, url, viewport):
    session = Session.objects.of_edition(edition).order_by("start").first()
    session.start += datetime.timedelta(minutes=30)
    session.save()
    page = new_page(locale="en-GB", viewport=viewport)
    page.goto(url("programme:changes"))

    text = page.locator("main").inner_text()
    assert "Monday 10 July 2017, 13:00 → Monday 10 July 2017, 13:30" in text
    assert "juillet" not in text and "lundi" not in text
    assert axe_violations(page) == ""


SCREEN = {"width": 1920, "height": 1080}


@pytest.mark.parametrize("name", ["programme:screen", "programme:venue-screen"])
def test_the_hall_screen_fits_a_tv_without_scrolling(new_page, edition, url, fixed_clock, name):
    fixed_clock(paris(TUESDAY, 11, 45))
    page = new_page(viewport=SCREEN)
    page.goto(url(name, "hall-d-honneur") if name == "programme:venue-screen" else url(name))

    assert page.evaluate("document.scrollingElement.scrollHeight") <= SCREEN["height"]
    assert page.locator(".screen-qr-code").is_visible()
    assert axe_violations(page, REFRESHING) == ""


def test_the_hall_screen_refresh_can_be_stopped(new_page, edition, url, fixed_clock):
    fixed_clock(paris(TUESDAY, 11, 45))
    page = new_page(viewport=SCREEN)
    page.goto(url("programme:screen"))
    page.get_by_role("link", name="Arrêter l’actualisation automatique").click()

    assert page.locator("meta[http-equiv=refresh]").count() == 0
    assert page.evaluate("document.scrollingElement.scrollHeight") <= SCREEN["height"]
    assert axe_violations(page) == ""

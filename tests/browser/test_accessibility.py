"""axe-core on every kind of public page and every form, in its error state too."""

import dataclasses

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.public_pages import PAGES

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()


# A hall screen reloads itself (meta refresh), which axe always reports (WCAG 2.2.1). It is
# the screen's purpose (real-time information), and a visitor reading it on their own device
# has a link that stops the refresh: the copy without it is audited with every rule on.
REFRESHING = {"meta-refresh": {"enabled": False}}


def axe_violations(page, rules=None):
    """axe-core's report of WCAG 2.1 A and AA violations on the page, or "" when none."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    if rules:
        options["rules"] = rules
    results = AXE.run(page, options=options)
    return results.generate_report() if results.violations_count else ""


def response_status(page):
    """The HTTP status of the page shown, so that an error page is not audited by mistake."""
    return page.evaluate("performance.getEntriesByType('navigation')[0].responseStatus")


SCREENS = {"screen", "screen-during-the-event"}


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_has_no_wcag_21_aa_violation(visit, kind):
    PAGES[kind](visit)

    assert response_status(visit.page) == (404 if kind == "not-found" else 200)
    assert visit.page.locator("h1").count() == 1
    assert axe_violations(visit.page, REFRESHING if kind in SCREENS else None) == ""


# The pages whose layout changes most on a phone, audited there with the menu open.
ON_A_PHONE = ["home", "agenda", "day", "session", "signup", "personal-page", "personal-agenda"]


@pytest.mark.parametrize("kind", ON_A_PHONE)
def test_phone_page_with_its_menu_open_has_no_wcag_21_aa_violation(new_page, visit, kind):
    phone = dataclasses.replace(visit, page=new_page(viewport={"width": 360, "height": 800}))
    PAGES[kind](phone)
    phone.page.get_by_text("Menu", exact=True).click()

    assert phone.page.locator(".site-menu[open]").count() == 1
    assert axe_violations(phone.page) == ""
